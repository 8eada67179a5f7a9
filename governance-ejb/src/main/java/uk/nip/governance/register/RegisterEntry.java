package uk.nip.governance.register;

import java.time.LocalDate;

/** What the public transparency register shows of an approved use (HDR UK data use register fields). */
public record RegisterEntry(String projectId, String projectTitle, String laySummary, String publicBenefitStatement,
        String leadOrganisation, String datasetNames, String accessType, String status, LocalDate latestApprovalDate) {
}
