package uk.nip.workflow;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.mock.Mocks;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.domain.Actor;

/**
 * The access request's provisioning steps for process tests: the real scoping of each collection's
 * cohort and the real recorder, over stand-ins for governance that add what they are asked to
 * {@code calls}. Archive locations are "archive/" and the collection's id.
 */
final class ProvisioningStandIns {

    private ProvisioningStandIns() {
    }

    static void register(List<String> calls, List<RequestedDataset> requested) {
        Mocks.register("startProvisioning", (JavaDelegate) e -> {
            calls.add("startProvisioning");
            e.setVariable(StartProvisioning.REQUESTED_DATASETS,
                    new ArrayList<>(requested.stream().map(RequestedDataset::getDatasetId).toList()));
        });
        Mocks.register("collectionCohort", (JavaDelegate) e -> CollectionCohort.scope(e, requested, id -> "archive/" + id));
        RecordProvisionedCollection record = new RecordProvisionedCollection();
        record.applications = new ApplicationService() {
            @Override
            public Application recordProvisionedCollection(Actor actor, long id, String datasetId, long filesProvisioned,
                    long filesQuarantined, String manifestSha256) {
                calls.add("recordProvisionedCollection " + datasetId + " " + filesProvisioned + " " + filesQuarantined
                        + " " + manifestSha256);
                return null;
            }
        };
        Mocks.register("recordProvisionedCollection", record);
    }
}
