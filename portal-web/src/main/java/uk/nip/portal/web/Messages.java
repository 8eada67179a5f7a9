package uk.nip.portal.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.domain.GovernanceException;

/** Shows service refusals on the page: field problems next to their fields, the rest at the top. */
final class Messages {

    private Messages() {
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    /**
     * The component a problem belongs to: {@code datasets[0].datasetId} is the datasetId field in the
     * first row of the datasets repeat, {@code compute.cpuCores} the field with id compute_cpuCores,
     * and {@code patientIds[2]} (one line of a box of lines) the patientIds field itself.
     */
    static String clientId(String formId, String field) {
        return formId + ":" + field.replaceAll("\\[(\\d+)]\\.", ":$1:").replaceAll("\\[\\d+]$", "").replace('.', '_');
    }

    static void refused(GovernanceException e, String formId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.validationFailed();
        if (e instanceof ValidationException v) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    (v.problems().size() == 1 ? "There is 1 problem" : "There are " + v.problems().size() + " problems")
                            + " to fix before this can go ahead.", null));
            for (Map.Entry<String, String> p : v.problems().entrySet()) {
                faces.addMessage(clientId(formId, p.getKey()),
                        new FacesMessage(FacesMessage.SEVERITY_ERROR, p.getValue(), p.getValue()));
            }
        } else {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }
}
