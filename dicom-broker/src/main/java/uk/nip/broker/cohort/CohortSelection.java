package uk.nip.broker.cohort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import uk.nip.broker.archive.ArchiveIndex;
import uk.nip.broker.archive.ArchivedInstance;
import uk.nip.broker.archive.ImageArchive;

/** Picks a cohort from the archive index: criteria first, then the national data opt-out. */
public final class CohortSelection {

    /** The chosen instances; {@code optOutApplied} says whether a list was checked. */
    public record Result(List<ArchivedInstance> instances, boolean optOutApplied) {
        public CohortCounts counts() {
            return CohortCounts.of(instances);
        }
    }

    private CohortSelection() {
    }

    /**
     * With an opt-out list configured, only instances whose patient id could be read and is
     * not on the list are chosen: an instance that cannot be checked is left out, not released.
     */
    public static Result select(ArchiveIndex index, ImageArchive archive, Collection<String> collections,
            CohortCriteria criteria, OptOutList optOut) throws IOException {
        List<ArchivedInstance> candidates = index.select(archive, collections, criteria);
        if (!optOut.configured()) {
            return new Result(candidates, false);
        }
        Set<String> patients = new HashSet<>();
        for (ArchivedInstance i : candidates) {
            if (i.readable() && i.header().patientId() != null) {
                patients.add(i.header().patientId());
            }
        }
        Set<String> optedOut = optOut.optedOutAmong(patients);
        List<ArchivedInstance> chosen = new ArrayList<>(candidates.size());
        for (ArchivedInstance i : candidates) {
            if (i.readable() && i.header().patientId() != null && !optedOut.contains(i.header().patientId())) {
                chosen.add(i);
            }
        }
        return new Result(chosen, true);
    }
}
