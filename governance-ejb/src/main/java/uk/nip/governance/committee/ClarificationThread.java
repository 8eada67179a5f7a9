package uk.nip.governance.committee;

import java.util.List;

/** A committee question and its replies, oldest first. Answered once the applicant has replied. */
public record ClarificationThread(ClarificationMessage question, List<ClarificationMessage> replies,
        boolean answered) {
}
