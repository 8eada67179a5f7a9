package uk.nip.broker.worker;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import org.camunda.bpm.client.exception.BadRequestException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * Extends a task's lock every half lock duration while long work runs, so the engine does not
 * hand the task to another worker meanwhile, and notices when the task stops being this
 * worker's: the engine answers 404 once the task is gone (a revocation cancels the provisioning)
 * and 400 once its lock expired or another worker holds it. Any other failure (engine
 * restarting, no token) is only logged: the next extension may succeed.
 */
final class TaskLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TaskLock.class.getName());

    private final ExternalTask task;
    private final ExternalTaskService service;
    private final long durationMillis;
    private final ScheduledExecutorService timer;
    private final AtomicReference<String> lostBecause = new AtomicReference<>();

    private TaskLock(ExternalTask task, ExternalTaskService service, long durationMillis) {
        this.task = task;
        this.service = service;
        this.durationMillis = durationMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "task-lock-" + task.getId());
            t.setDaemon(true);
            return t;
        });
    }

    static TaskLock keep(ExternalTask task, ExternalTaskService service, long durationMillis) {
        TaskLock lock = new TaskLock(task, service, durationMillis);
        long every = Math.max(1_000, durationMillis / 2);
        lock.timer.scheduleAtFixedRate(lock::extend, every, every, TimeUnit.MILLISECONDS);
        return lock;
    }

    private void extend() {
        if (lost()) {
            return;
        }
        try {
            service.extendLock(task, durationMillis);
        } catch (NotFoundException e) {
            lostBecause.compareAndSet(null, "its task was withdrawn (the engine no longer has it)");
        } catch (BadRequestException e) {
            lostBecause.compareAndSet(null, "its task is no longer this worker's (lock expired or held by another worker)");
        } catch (RuntimeException e) {
            LOG.warning(() -> task.getTopicName() + " task=" + task.getId() + " could not extend its lock: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Whether the task is gone or another worker's: the engine would refuse its completion or failure. */
    boolean lost() {
        return lostBecause.get() != null;
    }

    /** Why the task was lost, for the log; null while it is this worker's. */
    String lostBecause() {
        return lostBecause.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
