package uk.nip.broker.provision;

import java.io.IOException;

/**
 * A run that ended early because it was asked to stop (its task was withdrawn). Each instance it
 * finished is in its journal and its output folder, which has no manifest, so a later run of the
 * same dataset resumes from there and destruction removes it like any other output.
 */
public final class RunStopped extends IOException {

    private final long finished;
    private final long total;

    RunStopped(long finished, long total) {
        super("the run stopped as asked, after " + finished + " of " + total + " instances");
        this.finished = finished;
        this.total = total;
    }

    public long finished() {
        return finished;
    }

    public long total() {
        return total;
    }
}
