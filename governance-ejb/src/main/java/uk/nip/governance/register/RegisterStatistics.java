package uk.nip.governance.register;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import uk.nip.governance.application.PurposeCategory;
import uk.nip.governance.application.Sector;
import uk.nip.governance.domain.ApplicationState;

/**
 * Counts over register entries, and how long the committee took: what the public asks of a data
 * access committee ("turnaround is published", domain.md). Every category is listed, with 0 where
 * there is none, so tables and charts keep their shape from one day to the next.
 *
 * @param turnaroundDecided entries with both a submission and a decision date
 * @param turnaroundMedianDays the median of whole days from submission to decision, null with none
 * @param turnaround90thPercentileDays nine in ten decisions took at most this long (nearest rank)
 */
public record RegisterStatistics(int approvedUses, int commercialPurpose, Map<String, Integer> byStatus,
        Map<String, Integer> byRequestCategory, Map<String, Integer> byOrganisationSector,
        Map<Integer, Integer> approvalsByYear, Map<String, Integer> revocationsByGround, int turnaroundDecided,
        Long turnaroundMedianDays, Long turnaround90thPercentileDays) {

    public static RegisterStatistics of(List<RegisterEntry> entries) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (ApplicationState s : ApplicationState.values()) {
            if (s.isOnRegister()) {
                byStatus.put(s.label(), count(entries, e -> s.name().equals(e.statusCode())));
            }
        }
        Map<String, Integer> byCategory = new LinkedHashMap<>();
        for (PurposeCategory c : PurposeCategory.values()) {
            byCategory.put(c.label(), count(entries, e -> c.label().equals(e.requestCategory())));
        }
        Map<String, Integer> bySector = new LinkedHashMap<>();
        for (Sector s : Sector.values()) {
            bySector.put(s.label(), count(entries, e -> s.label().equals(e.organisationSector())));
        }
        Map<Integer, Integer> byYear = new TreeMap<>();
        Map<String, Integer> byGround = new TreeMap<>();
        List<Long> days = new ArrayList<>();
        for (RegisterEntry e : entries) {
            if (e.latestApprovalDate() != null) {
                byYear.merge(e.latestApprovalDate().getYear(), 1, Integer::sum);
            }
            if (e.revocationGround() != null) {
                byGround.merge(e.revocationGround(), 1, Integer::sum);
            }
            if (e.decisionTurnaroundDays() != null) {
                days.add(e.decisionTurnaroundDays());
            }
        }
        Collections.sort(days);
        return new RegisterStatistics(entries.size(),
                count(entries, e -> Boolean.TRUE.equals(e.commercialPurpose())), byStatus, byCategory, bySector,
                byYear, byGround, days.size(), median(days), nearestRank(days, 90));
    }

    private static int count(List<RegisterEntry> entries, Predicate<RegisterEntry> p) {
        return (int) entries.stream().filter(p).count();
    }

    /** The middle value; of an even count, the lower of the two middle ones, so it is a real turnaround. */
    static Long median(List<Long> sorted) {
        return sorted.isEmpty() ? null : sorted.get((sorted.size() - 1) / 2);
    }

    /** The smallest value at least {@code percent} % of the values do not exceed. */
    static Long nearestRank(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** The largest count in a map, for scaling a chart's bars; at least 1. */
    public static int largest(Map<?, Integer> counts) {
        return Math.max(1, counts.values().stream().filter(Objects::nonNull).mapToInt(Integer::intValue).max().orElse(1));
    }
}
