package uk.nip.workflow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.catalogue.Catalogue;

/**
 * What the broker is told about a cohort: where the collection is in its archive, the
 * application's criteria in the broker's variable names, and the national opt-out register.
 */
final class CohortVariables {

    /** The broker's names for the criteria of one requested collection. */
    static final List<String> CRITERIA = List.of("cohortModalities", "cohortBodyParts", "cohortStudyDateFrom",
            "cohortStudyDateTo", "cohortAgeMin", "cohortAgeMax", "cohortSex");

    private CohortVariables() {
    }

    /** The application and its first collection's cohort; criteria it does not set are left out. */
    static Map<String, Object> of(Application app, Catalogue catalogue) {
        Map<String, Object> v = of(app, catalogue, app.getDatasetId());
        v.values().removeIf(Objects::isNull);
        return v;
    }

    /** The application and one requested collection's location and cohort, every criterion named (see below). */
    static Map<String, Object> of(Application app, Catalogue catalogue, String datasetId) {
        Map<String, Object> v = new HashMap<>(collection(app.getDatasets(), id -> ArchiveLocation.of(catalogue, id),
                datasetId));
        v.put("applicationId", app.getId());
        v.put("projectId", app.getReference());
        return v;
    }

    /**
     * One requested collection's location and cohort, with every criterion named: null where
     * the researcher set none, so another collection's criteria never apply to this one.
     */
    static Map<String, Object> collection(List<RequestedDataset> requested, UnaryOperator<String> archiveLocation,
            String datasetId) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("datasetId", archiveLocation.apply(datasetId));
        CRITERIA.forEach(name -> v.put(name, null));
        RequestedDataset d = requested.stream()
                .filter(r -> r.getDatasetId() != null && r.getDatasetId().equals(datasetId))
                .findFirst().orElse(null);
        if (d != null) {
            put(v, "cohortModalities", d.getModalities());
            put(v, "cohortBodyParts", d.getBodyParts());
            put(v, "cohortStudyDateFrom", d.getStudyDateFrom());
            put(v, "cohortStudyDateTo", d.getStudyDateTo());
            put(v, "cohortAgeMin", d.getAgeFrom());
            put(v, "cohortAgeMax", d.getAgeTo());
            if (d.getSex() != null) {
                switch (d.getSex()) {
                    case FEMALE -> v.put("cohortSex", "F");
                    case MALE -> v.put("cohortSex", "M");
                    case ANY -> { }
                }
            }
        }
        return v;
    }

    /** The register as it is now: set just before the broker's task, never earlier. */
    static Map<String, Object> optOuts(List<String> patientIds, long version) {
        return Map.of("optOutPatientIds", String.join("\n", patientIds), "optOutRegisterVersion", version);
    }

    private static void put(Map<String, Object> v, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            v.put(name, value.toString());
        }
    }
}
