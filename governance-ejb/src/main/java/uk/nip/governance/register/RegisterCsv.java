package uk.nip.governance.register;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import uk.nip.governance.domain.Csv;

/** The register as CSV ({@link Csv}): a header row of the JSON field names, then one row per use. */
public final class RegisterCsv {

    static final List<String> HEADER = List.of("projectId", "projectTitle", "laySummary", "publicBenefitStatement",
            "technicalSummary", "leadOrganisation", "organisationSector", "funders", "requestCategory",
            "commercialPurpose", "datasetNames", "accessType", "legalBasis", "nationalOptOutApplied",
            "privacyEnhancingProcessing", "projectStartDate", "projectEndDate", "status", "statusCode",
            "revocationGround", "submittedDate", "latestApprovalDate", "decisionTurnaroundDays");

    private RegisterCsv() {
    }

    public static void write(Writer w, List<RegisterEntry> entries) throws IOException {
        Csv.row(w, HEADER);
        for (RegisterEntry e : entries) {
            List<Object> values = List.of(e.projectId(), text(e.projectTitle()), text(e.laySummary()),
                    text(e.publicBenefitStatement()), text(e.technicalSummary()), text(e.leadOrganisation()),
                    text(e.organisationSector()), text(e.funders()), text(e.requestCategory()),
                    text(e.commercialPurpose()), text(e.datasetNames()), e.accessType(), text(e.legalBasis()),
                    e.nationalOptOutApplied(), e.privacyEnhancingProcessing(), text(e.projectStartDate()),
                    text(e.projectEndDate()), e.status(), e.statusCode(), text(e.revocationGround()),
                    text(e.submittedDate()), text(e.latestApprovalDate()), text(e.decisionTurnaroundDays()));
            List<String> cells = new ArrayList<>(values.size());
            values.forEach(v -> cells.add(String.valueOf(v)));
            Csv.row(w, cells);
        }
    }

    private static Object text(Object value) {
        return value == null ? "" : value;
    }
}
