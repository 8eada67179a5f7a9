package uk.nip.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.catalogue.Catalogue;

/**
 * What the broker is told about a cohort: where the collection is in its archive, the
 * application's criteria in the broker's variable names, and the national opt-out register.
 */
final class CohortVariables {

    private CohortVariables() {
    }

    static Map<String, Object> of(Application app, Catalogue catalogue) {
        Map<String, Object> v = new HashMap<>();
        v.put("applicationId", app.getId());
        v.put("projectId", app.getReference());
        v.put("datasetId", ArchiveLocation.of(catalogue, app.getDatasetId()));
        RequestedDataset d = app.getDatasets().stream()
                .filter(r -> r.getDatasetId() != null && r.getDatasetId().equals(app.getDatasetId()))
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
