package uk.nip.broker.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import uk.nip.broker.ProjectId;
import uk.nip.broker.ToolVersions;
import uk.nip.broker.deid.DeidentificationOption;
import uk.nip.broker.deid.DeidentificationProfile;

/**
 * What was delivered into a project's output folder: every file with its SHA-256, counts per
 * stage, the profile and options, and tool versions. It holds no input file names (they can
 * be identifying) and no time stamp, so an identical re-run produces an identical manifest.
 */
public final class ProvisioningManifest {

    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProvisioningManifest() {
    }

    static Map<String, Object> build(ProjectId project, String datasetId, DeidentificationProfile profile,
            Map<String, Object> cohort, List<FileOutcome> outcomes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifestVersion", 1);
        m.put("project", project.value());
        if (datasetId != null) {
            m.put("dataset", datasetId);
        }
        if (cohort != null) {
            m.put("cohort", cohort);
        }
        m.put("profile", profileDescription(profile));
        m.put("tools", ToolVersions.all());
        m.put("stages", stageCounts(outcomes));
        m.put("quarantinedByReason", quarantinedByReason(outcomes));
        List<Map<String, Object>> files = new ArrayList<>();
        outcomes.stream().filter(FileOutcome::isWritten).sorted(Comparator.comparing(FileOutcome::outputPath))
                .forEach(o -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("path", o.outputPath());
                    f.put("sha256", o.sha256());
                    f.put("bytes", o.bytes());
                    files.add(f);
                });
        m.put("files", files);
        return m;
    }

    public static Map<String, Object> profileDescription(DeidentificationProfile profile) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", DeidentificationProfile.NAME);
        List<String> options = new ArrayList<>();
        List<Map<String, String>> codes = new ArrayList<>();
        codes.add(code(DeidentificationProfile.BASIC_PROFILE_CODE, DeidentificationProfile.BASIC_PROFILE_MEANING));
        for (DeidentificationOption o : profile.options()) {
            options.add(o.optionName());
            codes.add(code(o.codeValue(), o.codeMeaning()));
        }
        p.put("options", options);
        p.put("codes", codes);
        return p;
    }

    private static Map<String, String> code(String value, String meaning) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("code", value);
        c.put("scheme", "DCM");
        c.put("meaning", meaning);
        return c;
    }

    static Map<String, Long> stageCounts(List<FileOutcome> outcomes) {
        Map<Stage, Long> reached = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            reached.put(s, outcomes.stream().filter(o -> o.reached().compareTo(s) >= 0).count());
        }
        Map<String, Long> out = new LinkedHashMap<>();
        reached.forEach((s, n) -> out.put(s.name().toLowerCase(Locale.ROOT), n));
        out.put("quarantined", outcomes.stream().filter(o -> !o.isWritten()).count());
        return out;
    }

    static Map<String, Long> quarantinedByReason(List<FileOutcome> outcomes) {
        Map<String, Long> byReason = new TreeMap<>();
        outcomes.stream().filter(o -> !o.isWritten())
                .forEach(o -> byReason.merge(o.reason().code(), 1L, Long::sum));
        return byReason;
    }

    /** Writes atomically and returns the SHA-256 of the bytes written. */
    static String write(Path outputFolder, Map<String, Object> manifest) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        Path tmp = Files.createTempFile(outputFolder, DeidentificationRun.MANIFEST_TEMP, ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, outputFolder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return sha256(bytes);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
