package uk.nip.governance.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitingMailTest {

    private static final Instant FAILED = Instant.parse("2026-11-28T09:00:00Z");
    private static final Notice NOTICE = new Notice("NIP-2026-0001", "researcher", "researcher@demo.nip.example",
            "NIP-2026-0001: submitted", "Dear Rhea Searle, ...");

    @Test
    void eachTryWaitsLongerUpToAnHour() {
        WaitingMail w = new WaitingMail(NOTICE, "no mail server answers", FAILED);
        assertEquals(1, w.getAttempts());
        assertEquals(FAILED.plusSeconds(10), w.getNextAttemptAt());

        failsAndWaits(w, w.getNextAttemptAt(), 30, 60, 120, 300, 600, 1800, 3600, 3600, 3600);
        assertEquals(10, w.getAttempts());
        assertFalse(w.isGivenUp());
    }

    @Test
    void twoDaysAfterTheFirstFailureTheMailIsGivenUp() {
        WaitingMail w = new WaitingMail(NOTICE, "no mail server answers", FAILED);
        Instant justBefore = FAILED.plus(Duration.ofDays(2)).minusSeconds(1);
        w.failedAgain("421 try later", justBefore);
        assertFalse(w.isGivenUp());
        assertEquals(justBefore.plusSeconds(30), w.getNextAttemptAt());

        w.failedAgain("421 try later", w.getNextAttemptAt());
        assertTrue(w.isGivenUp());
        assertNull(w.getNextAttemptAt(), "a mail given up is not tried again");
        assertEquals(FAILED.plus(Duration.ofDays(2)).plusSeconds(29), w.getGivenUpAt());
        assertEquals("421 try later", w.getLastError());
        assertEquals(3, w.getAttempts());
    }

    @Test
    void anAdministratorsTryAgainGoesAtTheNextRoundAndGivesTwoMoreDaysOfTries() {
        WaitingMail w = new WaitingMail(NOTICE, "550 mailbox unavailable", FAILED);
        w.giveUp(FAILED);
        Instant later = FAILED.plus(Duration.ofDays(5));
        w.tryAgain(later);
        assertFalse(w.isGivenUp());
        assertEquals(later, w.getNextAttemptAt(), "due at once");
        assertEquals(later, w.getTriedAgainAt());
        assertEquals(FAILED, w.getFirstFailedAt(), "the first failure stays on record");

        // five days after the first failure, yet not given up: the two days count from the try again
        w.failedAgain("421 try later", later);
        assertFalse(w.isGivenUp());
        assertEquals(later.plusSeconds(10), w.getNextAttemptAt(), "the waits start again from the shortest");
        w.failedAgain("421 try later", later.plus(Duration.ofDays(2)));
        assertTrue(w.isGivenUp());
        assertEquals(3, w.getAttempts(), "every try is counted, before and after");
    }

    @Test
    void afterATryAgainAMailThatHadWaitedHourlyWaitsTenSecondsThenLongerAgain() {
        WaitingMail w = new WaitingMail(NOTICE, "no mail server answers", FAILED);
        Instant at = FAILED;
        for (int i = 0; i < 11; i++) {
            at = at.plusSeconds(600);
            w.failedAgain("no mail server answers", at);
        }
        assertEquals(at.plus(Duration.ofHours(1)), w.getNextAttemptAt(), "hourly before the try again");

        Instant later = at.plusSeconds(60);
        w.tryAgain(later);
        failsAndWaits(w, later, 10, 30, 60);
        assertEquals(15, w.getAttempts(), "the tries before the try again still count on the row");
    }

    /** Each try, from {@code at} on, fails when due; after each the next is due the given seconds later. */
    private static void failsAndWaits(WaitingMail w, Instant at, long... waits) {
        for (long wait : waits) {
            w.failedAgain("no mail server answers", at);
            assertEquals(at.plusSeconds(wait), w.getNextAttemptAt(), "after try " + w.getAttempts());
            at = w.getNextAttemptAt();
        }
    }

    @Test
    void keepsTheWholeMailAndAShortReason() {
        WaitingMail w = new WaitingMail(NOTICE, "x".repeat(5000), FAILED);
        assertEquals(NOTICE, w.notice());
        assertEquals(1000, w.getLastError().length());
        assertTrue(w.getLastError().endsWith("…"));
        assertEquals("the mail server refused it", new WaitingMail(NOTICE, " ", FAILED).getLastError());
    }
}
