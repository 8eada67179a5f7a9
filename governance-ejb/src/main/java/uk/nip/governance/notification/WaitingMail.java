package uk.nip.governance.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A notification the mail server did not take, waiting for its next try; or, once given up, kept
 * for administrators to see. A row is deleted when its mail goes.
 */
@Entity
@Table(name = "mail_waiting")
public class WaitingMail {

    /** The waits before each try after the first failure; the last one repeats. */
    static final Duration[] WAITS = {Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1)};
    /** After this long a mail is no longer news: it is given up and left for an administrator. */
    static final Duration GIVE_UP_AFTER = Duration.ofDays(2);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 40)
    private String reference;

    @Column(nullable = false, length = 100)
    private String username;

    @Column(nullable = false, length = 320)
    private String address;

    @Column(nullable = false, length = 500)
    private String subject;

    @Column(nullable = false, length = 10000)
    private String body;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "first_failed_at", nullable = false)
    private Instant firstFailedAt;

    /** Null once given up. */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", nullable = false, length = 1000)
    private String lastError;

    @Column(name = "given_up_at")
    private Instant givenUpAt;

    /** When an administrator last had it tried again; its tries count from then. */
    @Column(name = "tried_again_at")
    private Instant triedAgainAt;

    /** Tries made before {@link #triedAgainAt}: the waits after it start again from the shortest. */
    @Column(name = "tries_before_tried_again", nullable = false)
    private int triesBeforeTriedAgain;

    protected WaitingMail() {
    }

    WaitingMail(Notice notice, String error, Instant failedAt) {
        this.reference = notice.reference();
        this.username = notice.username();
        this.address = notice.address();
        this.subject = notice.subject();
        this.body = notice.body();
        this.attempts = 1;
        this.firstFailedAt = failedAt;
        this.lastError = shorten(error);
        this.nextAttemptAt = failedAt.plus(WAITS[0]);
    }

    Notice notice() {
        return new Notice(reference, username, address, subject, body);
    }

    /** Another try failed: the next waits longer, and after {@link #GIVE_UP_AFTER} there is none. */
    void failedAgain(String error, Instant at) {
        attempts++;
        lastError = shorten(error);
        Instant triesFrom = triedAgainAt != null ? triedAgainAt : firstFailedAt;
        if (!at.isBefore(triesFrom.plus(GIVE_UP_AFTER))) {
            giveUp(at);
        } else {
            int failuresSince = attempts - triesBeforeTriedAgain;
            nextAttemptAt = at.plus(WAITS[Math.min(failuresSince - 1, WAITS.length - 1)]);
        }
    }

    void giveUp(Instant at) {
        givenUpAt = at;
        nextAttemptAt = null;
    }

    /**
     * An administrator has it tried at the next round, with {@link #GIVE_UP_AFTER} of tries from now
     * and the waits from the shortest, as for a new failure: the cause was probably fixed.
     */
    void tryAgain(Instant at) {
        triedAgainAt = at;
        triesBeforeTriedAgain = attempts;
        givenUpAt = null;
        nextAttemptAt = at;
    }

    private static String shorten(String error) {
        String e = error == null || error.isBlank() ? "the mail server refused it" : error;
        return e.length() <= 1000 ? e : e.substring(0, 999) + "…";
    }

    public Long getId() { return id; }
    public String getReference() { return reference; }
    public String getUsername() { return username; }
    public String getSubject() { return subject; }
    public int getAttempts() { return attempts; }
    public Instant getFirstFailedAt() { return firstFailedAt; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public String getLastError() { return lastError; }
    public Instant getGivenUpAt() { return givenUpAt; }
    public Instant getTriedAgainAt() { return triedAgainAt; }
    public boolean isGivenUp() { return givenUpAt != null; }
}
