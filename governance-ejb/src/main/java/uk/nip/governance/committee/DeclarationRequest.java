package uk.nip.governance.committee;

import java.util.List;

/**
 * What a member sees before declaring: enough to recognise a conflict (who, where, who pays),
 * not the review itself.
 */
public record DeclarationRequest(long applicationId, String reference, String title, String lead,
        String organisation, List<String> team, List<String> funders) {
}
