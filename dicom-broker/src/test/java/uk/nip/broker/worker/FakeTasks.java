package uk.nip.broker.worker;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;

/** Stand-ins for the task client's task and service, recording what a handler reports back. */
final class FakeTasks {

    private FakeTasks() {
    }

    static ExternalTask task(String id, String topic, Integer retries, Map<String, Object> variables) {
        return (ExternalTask) Proxy.newProxyInstance(FakeTasks.class.getClassLoader(), new Class<?>[] {ExternalTask.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getTopicName" -> topic;
                    case "getProcessInstanceId" -> "pi-" + id;
                    case "getRetries" -> retries;
                    case "getVariable" -> variables.get((String) args[0]);
                    case "getAllVariables" -> variables;
                    case "toString" -> "FakeTask[" + id + "]";
                    default -> null;
                });
    }

    record Call(String method, List<Object> args) {
    }

    static final class RecordingService {
        final List<Call> calls = new ArrayList<>();
        private final Map<String, Supplier<? extends RuntimeException>> refusals;
        final ExternalTaskService service;

        RecordingService() {
            this(Map.of());
        }

        /** Records every call, and answers the methods named with the exception given, as the task client throws. */
        RecordingService(Map<String, Supplier<? extends RuntimeException>> refusals) {
            this.refusals = refusals;
            this.service = (ExternalTaskService) Proxy.newProxyInstance(FakeTasks.class.getClassLoader(),
                    new Class<?>[] {ExternalTaskService.class}, (proxy, method, args) -> {
                        if (method.getName().equals("toString")) {
                            return "RecordingService";
                        }
                        synchronized (calls) {
                            calls.add(new Call(method.getName(), args == null ? List.of() : Arrays.asList(args)));
                        }
                        Supplier<? extends RuntimeException> refusal = this.refusals.get(method.getName());
                        if (refusal != null) {
                            throw refusal.get();
                        }
                        return null;
                    });
        }

        List<Call> calls(String method) {
            synchronized (calls) {
                return calls.stream().filter(c -> c.method().equals(method)).toList();
            }
        }

        Call only(String method) {
            synchronized (calls) {
                List<Call> matching = calls.stream().filter(c -> c.method().equals(method)).toList();
                if (matching.size() != 1) {
                    throw new AssertionError("expected one " + method + " call, got " + calls);
                }
                return matching.get(0);
            }
        }
    }

    static WorkerSettings settings(Path root, URI camunda, URI keycloak) {
        return new WorkerSettings(camunda, keycloak, "imaging", "dicom-broker", "test-secret-value",
                root.resolve("archive"), null, "ClinicalTrialProtocolID", null, root.resolve("outputs"),
                root.resolve("store"), 60_000, 1L << 30, 2);
    }
}
