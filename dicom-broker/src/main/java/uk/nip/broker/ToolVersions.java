package uk.nip.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.pixelmed.dicom.ClinicalTrialsAttributes;

/** Versions of the software that touched the data, recorded in every manifest. */
public final class ToolVersions {

    private static final Pattern PIXELMED_RELEASE = Pattern.compile("pixelmed-(\\d{8})\\.jar");

    private ToolVersions() {
    }

    public static String broker() {
        try (InputStream in = ToolVersions.class.getResourceAsStream("broker-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("broker.version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Debian names the jar after the upstream release; the symlink pixelmed.jar resolves to it. */
    public static String pixelmed() {
        try {
            Path jar = Path.of(ClinicalTrialsAttributes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path real = Files.exists(jar) ? jar.toRealPath() : jar;
            Matcher m = PIXELMED_RELEASE.matcher(real.getFileName().toString());
            return m.matches() ? m.group(1) : real.getFileName().toString();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    public static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("broker", broker());
        v.put("pixelmed", pixelmed());
        return v;
    }
}
