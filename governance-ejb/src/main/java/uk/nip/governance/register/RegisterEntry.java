package uk.nip.governance.register;

import java.time.LocalDate;

/**
 * What the public transparency register shows of an approved use: HDR UK's data use register
 * fields (domain.md), and how the use ended. Nothing about the people beyond their organisation.
 *
 * @param statusCode the lifecycle state (ACTIVE, CLOSED, ...), for filters and programs
 * @param revocationGround the ground's label when access was revoked, otherwise null
 * @param decisionTurnaroundDays whole days from the first submission to the committee's decision
 */
public record RegisterEntry(String projectId, String projectTitle, String laySummary, String publicBenefitStatement,
        String technicalSummary, String leadOrganisation, String organisationSector, String funders,
        String requestCategory, Boolean commercialPurpose, String datasetNames, String accessType,
        String legalBasis, boolean nationalOptOutApplied, String privacyEnhancingProcessing,
        LocalDate projectStartDate, LocalDate projectEndDate, String status, String statusCode,
        String revocationGround, LocalDate submittedDate, LocalDate latestApprovalDate, Long decisionTurnaroundDays) {
}
