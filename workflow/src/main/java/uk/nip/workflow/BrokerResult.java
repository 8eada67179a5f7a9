package uk.nip.workflow;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** What the broker's provision-dataset task completes with: files written and quarantined, and the manifest's hash. */
record BrokerResult(long filesWritten, long filesQuarantined, String manifestSha256) {

    /** The variables the broker completes the task with. */
    static final List<String> VARIABLES = List.of("filesWritten", "filesQuarantined", "manifestSha256", "outputLocation");

    static BrokerResult of(DelegateExecution execution) {
        Number files = (Number) execution.getVariable("filesWritten");
        Number quarantined = (Number) execution.getVariable("filesQuarantined");
        String manifest = (String) execution.getVariable("manifestSha256");
        if (files == null || manifest == null) {
            throw new IllegalStateException("The broker completed provisioning without a file count and manifest hash");
        }
        return new BrokerResult(files.longValue(), quarantined == null ? 0 : quarantined.longValue(), manifest);
    }
}
