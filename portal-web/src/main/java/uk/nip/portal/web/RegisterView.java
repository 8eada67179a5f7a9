package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import uk.nip.governance.register.RegisterEntry;
import uk.nip.governance.register.TransparencyRegister;

@Named
@ViewScoped
public class RegisterView implements Serializable {

    @Inject
    transient TransparencyRegister register;

    private List<RegisterEntry> entries;
    private List<RegisterEntry> filtered;

    public List<RegisterEntry> getEntries() {
        if (entries == null) {
            entries = register.entries();
        }
        return entries;
    }

    public List<RegisterEntry> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<RegisterEntry> filtered) {
        this.filtered = filtered;
    }
}
