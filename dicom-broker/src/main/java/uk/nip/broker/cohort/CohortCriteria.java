package uk.nip.broker.cohort;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which instances of a dataset a project receives. Every criterion is optional; an instance
 * must meet all that are given. Lists are matched without regard to case; ages are whole
 * years at the time of the study, both bounds included; dates are study dates, both included.
 */
public record CohortCriteria(Set<String> modalities, Set<String> bodyParts, LocalDate studyDateFrom,
        LocalDate studyDateTo, Integer ageMin, Integer ageMax, Set<String> sexes, Set<String> sites) {

    /** The process variables the worker reads, all optional strings. */
    public static final String MODALITIES = "cohortModalities";
    public static final String BODY_PARTS = "cohortBodyParts";
    public static final String STUDY_DATE_FROM = "cohortStudyDateFrom";
    public static final String STUDY_DATE_TO = "cohortStudyDateTo";
    public static final String AGE_MIN = "cohortAgeMin";
    public static final String AGE_MAX = "cohortAgeMax";
    public static final String SEX = "cohortSex";
    public static final String SITES = "cohortSites";
    public static final String[] VARIABLES = {MODALITIES, BODY_PARTS, STUDY_DATE_FROM, STUDY_DATE_TO, AGE_MIN, AGE_MAX,
        SEX, SITES};

    public static final CohortCriteria EVERYONE = new CohortCriteria(Set.of(), Set.of(), null, null, null, null,
            Set.of(), Set.of());

    public CohortCriteria {
        modalities = Set.copyOf(modalities);
        bodyParts = Set.copyOf(bodyParts);
        sexes = Set.copyOf(sexes);
        sites = Set.copyOf(sites);
        if (studyDateFrom != null && studyDateTo != null && studyDateFrom.isAfter(studyDateTo)) {
            throw new IllegalArgumentException(STUDY_DATE_FROM + " is after " + STUDY_DATE_TO);
        }
        if (ageMin != null && ageMax != null && ageMin > ageMax) {
            throw new IllegalArgumentException(AGE_MIN + " is greater than " + AGE_MAX);
        }
        for (String s : sexes) {
            if (!Set.of("M", "F", "O").contains(s)) {
                throw new IllegalArgumentException(SEX + " must be M, F or O (comma-separated for several), not '" + s + "'");
            }
        }
    }

    /** Reads the criteria from named values (process variables or command-line options); blank means not given. */
    public static CohortCriteria from(Function<String, String> values) {
        return new CohortCriteria(list(values.apply(MODALITIES)), list(values.apply(BODY_PARTS)),
                date(STUDY_DATE_FROM, values.apply(STUDY_DATE_FROM)), date(STUDY_DATE_TO, values.apply(STUDY_DATE_TO)),
                age(AGE_MIN, values.apply(AGE_MIN)), age(AGE_MAX, values.apply(AGE_MAX)), list(values.apply(SEX)),
                list(values.apply(SITES)));
    }

    public boolean isEmpty() {
        return equals(EVERYONE);
    }

    /** The criteria as given, for the manifest and the audit trail; holds no identifiers. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (!modalities.isEmpty()) {
            d.put("modalities", new TreeSet<>(modalities));
        }
        if (!bodyParts.isEmpty()) {
            d.put("bodyParts", new TreeSet<>(bodyParts));
        }
        if (studyDateFrom != null) {
            d.put("studyDateFrom", studyDateFrom.toString());
        }
        if (studyDateTo != null) {
            d.put("studyDateTo", studyDateTo.toString());
        }
        if (ageMin != null) {
            d.put("ageMin", ageMin);
        }
        if (ageMax != null) {
            d.put("ageMax", ageMax);
        }
        if (!sexes.isEmpty()) {
            d.put("sex", new TreeSet<>(sexes));
        }
        if (!sites.isEmpty()) {
            d.put("sites", new TreeSet<>(sites));
        }
        return d;
    }

    private static Set<String> list(String v) {
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** ISO (2021-03-31) or DICOM (20210331) form. */
    private static LocalDate date(String name, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.trim();
        try {
            return s.matches("\\d{8}") ? LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date such as 2021-03-31, not '" + s + "'");
        }
    }

    private static Integer age(String name, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > 150) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of years from 0 to 150, not '" + v.trim() + "'");
        }
    }
}
