package uk.nip.governance.domain;

import java.util.Locale;

/** What someone does to an application. Each accepted action becomes one immutable event. */
public enum ApplicationAction {
    CREATE,
    SUBMIT,
    START_SCREENING,
    RETURN_TO_APPLICANT,
    SEND_TO_REVIEW,
    REQUEST_CLARIFICATION,
    ANSWER_CLARIFICATION,
    APPROVE,
    REJECT,
    WITHDRAW,
    ISSUE_AGREEMENT,
    SIGN_AGREEMENT,
    START_PROVISIONING,
    ACTIVATE,
    SUSPEND,
    RESUME,
    EXPIRE,
    REVOKE,
    REQUEST_AMENDMENT,
    APPROVE_AMENDMENT,
    REJECT_AMENDMENT,
    /** A custodian recorded a renewed ethics approval while access was active (when suspended, it resumes access). */
    RENEW_ETHICS_APPROVAL,
    /** The agreement was not signed by both parties in time; the approval falls away. */
    LAPSE,
    CLOSE;

    public String label() {
        return name().replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
