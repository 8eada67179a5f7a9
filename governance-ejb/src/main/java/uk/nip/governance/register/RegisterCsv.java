package uk.nip.governance.register;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The register as RFC 4180 CSV: a header row of the JSON field names, one row per use, CRLF.
 * Researchers write the titles and summaries, and the file opens in spreadsheets, so a cell that
 * a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe (OWASP).
 */
public final class RegisterCsv {

    static final List<String> HEADER = List.of("projectId", "projectTitle", "laySummary", "publicBenefitStatement",
            "technicalSummary", "leadOrganisation", "organisationSector", "funders", "requestCategory",
            "commercialPurpose", "datasetNames", "accessType", "legalBasis", "nationalOptOutApplied",
            "privacyEnhancingProcessing", "projectStartDate", "projectEndDate", "status", "statusCode",
            "revocationGround", "submittedDate", "latestApprovalDate", "decisionTurnaroundDays");

    private RegisterCsv() {
    }

    public static void write(Writer w, List<RegisterEntry> entries) throws IOException {
        row(w, HEADER);
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
            row(w, cells);
        }
    }

    private static Object text(Object value) {
        return value == null ? "" : value;
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(cell(cells.get(i)));
        }
        w.write("\r\n");
    }

    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
