package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import uk.nip.governance.audit.AuditDigest;
import uk.nip.governance.audit.PublishedDigests;
import uk.nip.governance.register.RegisterEntry;
import uk.nip.governance.register.RegisterStatistics;
import uk.nip.governance.register.TransparencyRegister;

@Named
@ViewScoped
public class RegisterView implements Serializable {

    @Inject
    transient TransparencyRegister register;

    @Inject
    transient PublishedDigests digests;

    private List<RegisterEntry> entries;
    /** Read once per view; an entity is not kept in the serialised view state. */
    private transient AuditDigest latestDigest;
    private transient boolean digestRead;
    private List<RegisterEntry> filtered;
    private RegisterStatistics statistics;

    public List<RegisterEntry> getEntries() {
        if (entries == null) {
            entries = register.entries();
        }
        return entries;
    }

    /** Counts and turnaround over the whole register, from the entries this view already read. */
    public RegisterStatistics getStatistics() {
        if (statistics == null) {
            statistics = RegisterStatistics.of(getEntries());
        }
        return statistics;
    }

    /** A bar's length in a chart of these counts, as a percentage of the largest. */
    public long barWidth(Map<?, Integer> counts, Integer count) {
        return Math.round(100.0 * (count == null ? 0 : count) / RegisterStatistics.largest(counts));
    }

    /** The newest published audit head, or null before the first publication. */
    public AuditDigest getLatestDigest() {
        if (!digestRead) {
            latestDigest = digests.latest().orElse(null);
            digestRead = true;
        }
        return latestDigest;
    }

    public List<RegisterEntry> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<RegisterEntry> filtered) {
        this.filtered = filtered;
    }
}
