package uk.nip.broker.cli;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import uk.nip.broker.worker.BrokerWorker;
import uk.nip.broker.worker.WorkerSettings;

/** {@code worker}: runs the external-task worker until stopped; all configuration comes from the environment. */
final class WorkerCommand {

    private WorkerCommand() {
    }

    static int run(List<String> args, Map<String, String> env) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("worker takes no arguments; configure it with environment variables (see README.md)");
        }
        WorkerSettings settings;
        try {
            settings = WorkerSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid worker configuration: " + e.getMessage());
        }
        try {
            new BrokerWorker(settings, Clock.systemUTC()).runUntilShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return BrokerCommandLine.OK;
    }
}
