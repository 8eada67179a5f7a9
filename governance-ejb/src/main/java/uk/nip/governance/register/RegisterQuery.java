package uk.nip.governance.register;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import uk.nip.governance.application.PurposeCategory;
import uk.nip.governance.application.Sector;
import uk.nip.governance.domain.ApplicationState;

/**
 * A search of the register: words anywhere in an entry's text, and filters on status, purpose,
 * sector, commercial purpose and approval dates. Every parameter is optional; a bad one is
 * refused with what it may be, never ignored.
 */
public record RegisterQuery(String text, ApplicationState status, PurposeCategory category, Sector sector,
        Boolean commercial, LocalDate approvedFrom, LocalDate approvedTo) {

    public static final RegisterQuery EVERYTHING = new RegisterQuery(null, null, null, null, null, null, null);
    static final int MAX_TEXT = 200;

    /** A parameter the register cannot answer; the message says which and what it accepts. */
    public static class InvalidRegisterQueryException extends IllegalArgumentException {
        public InvalidRegisterQueryException(String message) {
            super(message);
        }
    }

    /** From request parameters; blank means not given, as an empty form field sends it. */
    public static RegisterQuery parse(String q, String status, String category, String sector, String commercial,
            String approvedFrom, String approvedTo) {
        String text = blank(q) ? null : q.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidRegisterQueryException("'q' is " + text.length() + " characters; search with at most "
                    + MAX_TEXT + ".");
        }
        ApplicationState state = blank(status) ? null : named("status", status.strip(),
                ApplicationState.values(), ApplicationState::isOnRegister);
        PurposeCategory purpose = blank(category) ? null : named("category", category.strip(),
                PurposeCategory.values(), c -> true);
        Sector s = blank(sector) ? null : named("sector", sector.strip(), Sector.values(), c -> true);
        Boolean c = null;
        if (!blank(commercial)) {
            switch (commercial.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes" -> c = true;
                case "false", "no" -> c = false;
                default -> throw new InvalidRegisterQueryException("'commercial' must be true or false, not '"
                        + commercial.strip() + "'.");
            }
        }
        LocalDate from = date("approvedFrom", approvedFrom);
        LocalDate to = date("approvedTo", approvedTo);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidRegisterQueryException("'approvedFrom' (" + from + ") is after 'approvedTo' (" + to + ").");
        }
        return new RegisterQuery(text, state, purpose, s, c, from, to);
    }

    public boolean matches(RegisterEntry e) {
        if (status != null && !status.name().equals(e.statusCode())) {
            return false;
        }
        if (category != null && !category.label().equals(e.requestCategory())) {
            return false;
        }
        if (sector != null && !sector.label().equals(e.organisationSector())) {
            return false;
        }
        if (commercial != null && !commercial.equals(e.commercialPurpose())) {
            return false;
        }
        LocalDate approved = e.latestApprovalDate();
        if ((approvedFrom != null || approvedTo != null) && approved == null) {
            return false;
        }
        if (approvedFrom != null && approved.isBefore(approvedFrom) || approvedTo != null && approved.isAfter(approvedTo)) {
            return false;
        }
        return text == null || containsEveryWord(e);
    }

    /** Every word of the search, in any order and case, somewhere in the entry's text. */
    private boolean containsEveryWord(RegisterEntry e) {
        String all = String.join(" ", nonNull(e.projectId(), e.projectTitle(), e.laySummary(),
                e.publicBenefitStatement(), e.technicalSummary(), e.leadOrganisation(), e.funders(),
                e.datasetNames(), e.requestCategory())).toLowerCase(Locale.ROOT);
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+")).allMatch(all::contains);
    }

    private static String[] nonNull(String... values) {
        return Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The constant named by a parameter, in any case and with hyphens for underscores. */
    private static <E extends Enum<E>> E named(String parameter, String value, E[] constants, Predicate<E> allowed) {
        String name = value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E e : constants) {
            if (allowed.test(e) && e.name().equals(name)) {
                return e;
            }
        }
        throw new InvalidRegisterQueryException("'" + parameter + "' must be one of " + Arrays.stream(constants)
                .filter(allowed).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", ")) + "; not '" + value + "'.");
    }

    private static LocalDate date(String parameter, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRegisterQueryException("'" + parameter + "' must be a date as 2026-11-29, not '"
                    + value.strip() + "'.");
        }
    }
}
