package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import uk.nip.governance.cohort.OptOutRegister;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** The custodian's page for the national data opt-out register. */
@Named
@ViewScoped
public class OptOutPage implements Serializable {

    @Inject
    transient OptOutRegister register;

    @Inject
    transient CurrentActor current;

    private String patientIds;
    private String source;
    private String removeId;
    private String removeReason;
    private String checkId;
    private Boolean checkResult;

    public long getCount() {
        return register.count(current.actor());
    }

    public long getVersion() {
        return register.version();
    }

    public void add() {
        try {
            OptOutRegister.Change c = register.register(current.actor(),
                    patientIds == null ? null : Arrays.asList(patientIds.split("\\R")),
                    source);
            Messages.info(c.added().size() + " added, " + c.alreadyThere().size()
                    + " already on the register; register version " + c.version() + ".");
            patientIds = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "add");
        }
    }

    public void remove() {
        try {
            long version = register.remove(current.actor(), removeId, removeReason);
            Messages.info("Removed; register version " + version + ".");
            removeId = null;
            removeReason = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "remove");
        }
    }

    public void check() {
        try {
            checkResult = register.contains(current.actor(), checkId);
        } catch (GovernanceException e) {
            checkResult = null;
            Messages.refused(e, "check");
        }
    }

    public String getPatientIds() { return patientIds; }
    public void setPatientIds(String patientIds) { this.patientIds = patientIds; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getRemoveId() { return removeId; }
    public void setRemoveId(String removeId) { this.removeId = removeId; }
    public String getRemoveReason() { return removeReason; }
    public void setRemoveReason(String removeReason) { this.removeReason = removeReason; }
    public String getCheckId() { return checkId; }
    public void setCheckId(String checkId) { this.checkId = checkId; }
    public Boolean getCheckResult() { return checkResult; }
}
