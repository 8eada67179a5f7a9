package uk.nip.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * When a member's review is due and when they are reminded: two days before the due date, or
 * half-way through a review period shorter than four days.
 */
public record ReviewDeadline(Instant due, Instant reminder) {

    public static ReviewDeadline from(Instant start, int reviewDays) {
        if (reviewDays < 1) {
            throw new IllegalArgumentException("A committee's review time must be at least one day, not " + reviewDays);
        }
        Duration period = Duration.ofDays(reviewDays);
        Duration before = Duration.ofDays(2).compareTo(period.dividedBy(2)) <= 0 ? Duration.ofDays(2)
                : period.dividedBy(2);
        Instant due = start.plus(period);
        return new ReviewDeadline(due, due.minus(before));
    }

    /** Camunda timers and task due dates take java.util.Date. */
    public Date dueDate() {
        return Date.from(due);
    }

    public Date reminderDate() {
        return Date.from(reminder);
    }
}
