package uk.nip.broker.cohort;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.archive.ArchivedInstance;
import uk.nip.broker.archive.HeaderSummary;

/**
 * Aggregate sizes of a cohort: patients, studies, series and instances, and patients by sex,
 * modality and body part. Only the suppressed form ({@link #asVariables()}) leaves the broker.
 */
public record CohortCounts(long patients, long studies, long series, long instances,
        Map<String, Long> patientsBySex, Map<String, Long> patientsByModality, Map<String, Long> patientsByBodyPart) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static CohortCounts of(List<ArchivedInstance> instances) {
        Set<String> patients = new HashSet<>();
        Set<String> studies = new HashSet<>();
        Set<String> series = new HashSet<>();
        Map<String, Set<String>> bySex = new TreeMap<>();
        Map<String, Set<String>> byModality = new TreeMap<>();
        Map<String, Set<String>> byBodyPart = new TreeMap<>();
        for (ArchivedInstance i : instances) {
            HeaderSummary h = i.header();
            if (h == null) {
                continue;
            }
            if (h.studyUid() != null) {
                studies.add(h.studyUid());
            }
            if (h.seriesUid() != null) {
                series.add(h.seriesUid());
            }
            if (h.patientId() == null) {
                continue;
            }
            patients.add(h.patientId());
            bySex.computeIfAbsent(orUnknown(h.sex()), k -> new HashSet<>()).add(h.patientId());
            byModality.computeIfAbsent(orUnknown(h.modality()), k -> new HashSet<>()).add(h.patientId());
            byBodyPart.computeIfAbsent(orUnknown(h.bodyPart()), k -> new HashSet<>()).add(h.patientId());
        }
        return new CohortCounts(patients.size(), studies.size(), series.size(), instances.size(), sizes(bySex),
                sizes(byModality), sizes(byBodyPart));
    }

    /** What the {@code cohort-counts} task returns: every count small-number suppressed. */
    public Map<String, Object> asVariables() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("cohortPatients", SmallNumbers.suppress(patients));
        v.put("cohortStudies", SmallNumbers.suppress(studies));
        v.put("cohortSeries", SmallNumbers.suppress(series));
        v.put("cohortInstances", SmallNumbers.suppress(instances));
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("patientsBySex", suppressed(patientsBySex));
        breakdown.put("patientsByModality", suppressed(patientsByModality));
        breakdown.put("patientsByBodyPart", suppressed(patientsByBodyPart));
        try {
            v.put("cohortBreakdown", JSON.writeValueAsString(breakdown));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        v.put("cohortSuppressionThreshold", SmallNumbers.SUPPRESSED);
        return v;
    }

    private static Map<String, String> suppressed(Map<String, Long> counts) {
        Map<String, String> out = new LinkedHashMap<>();
        counts.forEach((k, n) -> out.put(k, SmallNumbers.suppress(n)));
        return out;
    }

    private static Map<String, Long> sizes(Map<String, Set<String>> groups) {
        Map<String, Long> out = new TreeMap<>();
        groups.forEach((k, s) -> out.put(k, (long) s.size()));
        return out;
    }

    private static String orUnknown(String v) {
        return v == null ? "unknown" : v;
    }
}
