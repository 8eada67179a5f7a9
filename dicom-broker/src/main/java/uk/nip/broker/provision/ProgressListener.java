package uk.nip.broker.provision;

/** Told how many of a run's instances are finished; called from the run's worker threads. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
