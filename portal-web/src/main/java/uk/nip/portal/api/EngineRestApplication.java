package uk.nip.portal.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;

/** Camunda's REST API, for the broker's service account only (web.xml), and only what it needs (BrokerScope). */
@ApplicationPath("/engine-rest")
public class EngineRestApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(CamundaRestResources.getResourceClasses());
        classes.addAll(CamundaRestResources.getConfigurationClasses());
        classes.add(BrokerScope.class);
        return classes;
    }
}
