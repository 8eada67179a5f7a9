package uk.nip.governance.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything printed in one agreement version, gathered before rendering so the PDF depends on nothing else. */
public record AgreementContent(String reference, int agreementVersion, int templateVersion, String title,
        String lead, String organisation, String purpose, String projectSummary, Boolean commercial,
        List<String> datasets, String conditions, LocalDate expiryDate, int destructionDays, Instant issuedAt,
        String issuedBy, String reason, List<PrintedClause> clauses) {

    /** A clause as printed: its rendered wording, with the library code and version it came from. */
    public record PrintedClause(String code, int version, String title, String text) {
    }

    public AgreementContent {
        datasets = List.copyOf(datasets);
        clauses = List.copyOf(clauses);
    }
}
