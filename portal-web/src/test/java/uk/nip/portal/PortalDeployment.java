package uk.nip.portal;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, deployed as it is into the unpacked, CLI-configured WildFly. */
final class PortalDeployment {

    private PortalDeployment() {
    }

    static WebArchive builtWar() {
        File war = new File(System.getProperty("portal.war", "target/portal.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
