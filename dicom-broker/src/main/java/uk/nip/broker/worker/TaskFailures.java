package uk.nip.broker.worker;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * Reports a failed task so the engine retries it later: three retries, backing off 10 s,
 * 60 s, then 5 min; after that the engine raises an incident for a person to look at.
 */
final class TaskFailures {

    static final int INITIAL_RETRIES = 3;
    private static final long[] BACKOFF_MILLIS = {10_000, 60_000, 300_000};

    private TaskFailures() {
    }

    static int retriesLeftAfterThisFailure(ExternalTask task) {
        Integer retries = task.getRetries();
        return retries == null ? INITIAL_RETRIES : Math.max(0, retries - 1);
    }

    static long backoffMillis(int retriesLeft) {
        if (retriesLeft <= 0) {
            return 0;
        }
        int attempt = Math.min(INITIAL_RETRIES - retriesLeft, BACKOFF_MILLIS.length - 1);
        return BACKOFF_MILLIS[Math.max(0, attempt)];
    }

    static void report(Logger log, ExternalTask task, ExternalTaskService service, String message, Throwable cause) {
        int retries = retriesLeftAfterThisFailure(task);
        long backoff = backoffMillis(retries);
        String details = cause == null ? message : cause.getClass().getName() + ": " + cause.getMessage();
        log.log(Level.WARNING, () -> task.getTopicName() + " task=" + task.getId() + " failed: " + message
                + " retriesLeft=" + retries + " retryInMs=" + backoff);
        // the engine stores at most 666 characters of the message
        String shortMessage = message.length() > 600 ? message.substring(0, 600) : message;
        service.handleFailure(task, shortMessage, details, retries, backoff);
    }
}
