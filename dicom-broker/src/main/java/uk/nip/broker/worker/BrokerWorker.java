package uk.nip.broker.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import org.camunda.bpm.client.ExternalTaskClient;

import uk.nip.broker.cohort.CohortCriteria;

/**
 * The broker's side of the workflow: it pulls work from the Camunda engine over the
 * external-task REST API, authenticated as its own service account, so it can run in a
 * separate security zone with no inbound connections.
 */
public final class BrokerWorker {

    private static final Logger LOG = Logger.getLogger(BrokerWorker.class.getName());

    private static final long MAX_TOKEN_WAIT_MILLIS = 60_000;

    private final WorkerSettings settings;
    private final Clock clock;
    private final ClientCredentialsTokenSource tokens;
    private ExternalTaskClient client;

    public BrokerWorker(WorkerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new ClientCredentialsTokenSource(settings.tokenEndpoint(), settings.clientId(),
                settings.clientSecret(), clock);
    }

    public synchronized void start() {
        client = ExternalTaskClient.create()
                .baseUrl(settings.camundaRestUrl().toString())
                .workerId(workerId())
                .addInterceptor(new BearerTokenInterceptor(tokens))
                // one dataset at a time: a run already uses every core
                .maxTasks(1)
                .asyncResponseTimeout(20_000)
                .lockDuration(settings.lockDurationMillis())
                .build();
        client.subscribe(ProvisionDatasetHandler.TOPIC)
                .lockDuration(settings.lockDurationMillis())
                .variables(withCohortVariables("projectId", "datasetId", "applicationId"))
                .handler(new ProvisionDatasetHandler(settings, tokens))
                .open();
        client.subscribe(CohortCountsHandler.TOPIC)
                .lockDuration(settings.lockDurationMillis())
                .variables(withCohortVariables("datasetId", CohortCountsHandler.COLLECTIONS))
                .handler(new CohortCountsHandler(settings))
                .open();
        client.subscribe(DestroyDataHandler.TOPIC)
                .lockDuration(settings.lockDurationMillis())
                .variables("projectId")
                .handler(new DestroyDataHandler(settings, clock))
                .open();
        LOG.info(() -> "dicom-broker worker started: " + settings);
    }

    private static String[] withCohortVariables(String... names) {
        List<String> all = new ArrayList<>(List.of(names));
        all.addAll(List.of(CohortCriteria.VARIABLES));
        // the portal's national data opt-out register, sent with every task that selects patients
        all.add(TaskVariables.OPT_OUT_REGISTER);
        return all.toArray(String[]::new);
    }

    public synchronized void stop() {
        if (client != null) {
            client.stop();
            client = null;
        }
    }

    /** Runs until the JVM is asked to stop. */
    public void runUntilShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            stopped.countDown();
        }, "dicom-broker-shutdown"));
        awaitAccessToken();
        start();
        stopped.await();
    }

    /**
     * The task client still sends a request when an interceptor fails, just without the header;
     * waiting for the first token keeps a worker that starts before the identity provider from
     * polling the engine unauthenticated.
     */
    private void awaitAccessToken() throws InterruptedException {
        long wait = 2_000;
        while (true) {
            try {
                tokens.currentToken();
                return;
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped while waiting for an access token");
                }
                long seconds = wait / 1000;
                LOG.warning(() -> "no access token yet, retrying in " + seconds + " s: " + e.getMessage());
                Thread.sleep(wait);
                wait = Math.min(MAX_TOKEN_WAIT_MILLIS, wait * 2);
            }
        }
    }

    static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return "dicom-broker@" + host + ":" + ProcessHandle.current().pid();
    }
}
