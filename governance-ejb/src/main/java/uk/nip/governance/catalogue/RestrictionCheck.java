package uk.nip.governance.catalogue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import uk.nip.governance.application.Amendment;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.PurposeCategory;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.application.Sector;

/**
 * Compares what an application says about itself with the coded use restrictions (DUO) of each
 * collection it requests. Pure: the application's relevant answers and a catalogue lookup in, the
 * flags out. Restrictions that are obligations rather than conditions to check (general research
 * use, publication required, disease specific research) raise no flag here; the agreement carries
 * them.
 */
public final class RestrictionCheck {

    /** The answers of an application that restrictions are checked against. */
    public record Request(Boolean commercial, PurposeCategory purpose, Sector sector, String organisation,
            String ethicsReference, LocalDate ethicsExpiry, LocalDate endDate, List<String> datasetIds) {

        public Request {
            datasetIds = datasetIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(datasetIds));
        }

        public static Request of(Application a) {
            return of(a, a.getDatasets(), a.getEndDate());
        }

        /** The application as an amendment under review would make it: its collections and end date. */
        public static Request of(Application a, Amendment amendment) {
            return of(a, a.datasetsWith(amendment), a.endDateWith(amendment));
        }

        private static Request of(Application a, List<RequestedDataset> datasets, LocalDate endDate) {
            List<String> ids = new ArrayList<>();
            for (RequestedDataset d : datasets) {
                if (d.getDatasetId() != null) {
                    ids.add(d.getDatasetId());
                }
            }
            if (ids.isEmpty() && a.getDatasetId() != null) {
                ids.add(a.getDatasetId());
            }
            return new Request(a.getCommercial(), a.getPurpose(), a.getSector(), a.getOrganisation(),
                    a.getEthicsReference(), a.getEthicsExpiry(), endDate, ids);
        }
    }

    private RestrictionCheck() {
    }

    /** Every conflict, collection by collection in the order requested; empty when there is none. */
    public static List<RestrictionFlag> flags(Request app, Function<String, Optional<Dataset>> catalogue) {
        List<RestrictionFlag> flags = new ArrayList<>();
        for (String id : app.datasetIds()) {
            Optional<Dataset> found = catalogue.apply(id);
            if (found.isEmpty()) {
                // Submission refuses unknown collections by name; there is nothing to compare here.
                continue;
            }
            Dataset d = found.get();
            for (DuoCode code : d.restrictions()) {
                String reason = conflict(app, d, code);
                if (reason != null) {
                    flags.add(new RestrictionFlag(d.getId(), code.curie(), reason));
                }
            }
        }
        return flags;
    }

    private static String conflict(Request app, Dataset d, DuoCode code) {
        String collection = "'" + d.getTitle() + "'";
        return switch (code) {
            case NON_COMMERCIAL_USE_ONLY -> {
                String use = commercialUse(app);
                yield use == null ? null
                        : use + ", but " + collection + " may be used for non-commercial purposes only.";
            }
            case NOT_FOR_PROFIT_NON_COMMERCIAL_USE_ONLY -> {
                List<String> why = new ArrayList<>();
                String use = commercialUse(app);
                if (use != null) {
                    why.add(use);
                }
                if (app.sector() == Sector.COMMERCIAL) {
                    String who = organisation(app) + " is a commercial organisation";
                    why.add(why.isEmpty() ? who : "t" + who.substring(1));
                }
                yield why.isEmpty() ? null : String.join(" and ", why) + ", but " + collection
                        + " may be used only by not-for-profit organisations for non-commercial purposes.";
            }
            case NOT_FOR_PROFIT_ORGANISATION_USE_ONLY -> app.sector() == Sector.COMMERCIAL
                    ? organisation(app) + " is a commercial organisation, but " + collection
                            + " may be used only by not-for-profit organisations."
                    : null;
            case NO_GENERAL_METHODS_RESEARCH -> methodsDevelopment(app.purpose())
                    ? "The purpose is " + app.purpose().label().toLowerCase(Locale.ROOT) + ", which develops methods (algorithms),"
                            + " but " + collection + " may not be used for general methods research."
                    : null;
            case ETHICS_APPROVAL_REQUIRED -> {
                if (app.ethicsReference() == null || app.ethicsReference().isBlank()) {
                    yield "No ethics approval reference is given, but " + collection + " requires ethics approval.";
                }
                if (app.ethicsExpiry() != null && app.endDate() != null && app.ethicsExpiry().isBefore(app.endDate())) {
                    yield "The ethics approval (" + app.ethicsReference().strip() + ") expires on " + app.ethicsExpiry()
                            + ", before the project ends on " + app.endDate() + ", and " + collection
                            + " requires ethics approval for the whole time it is used.";
                }
                yield null;
            }
            case TIME_LIMIT_ON_USE -> {
                if (d.getUseUntil() == null) {
                    yield null;
                }
                if (app.endDate() == null) {
                    yield "The application gives no end date, but " + collection + " may be used only until "
                            + d.getUseUntil() + ".";
                }
                yield app.endDate().isAfter(d.getUseUntil())
                        ? "The project runs until " + app.endDate() + ", but " + collection + " may be used only until "
                                + d.getUseUntil() + "."
                        : null;
            }
            case GENERAL_RESEARCH_USE, HEALTH_MEDICAL_BIOMEDICAL_RESEARCH, DISEASE_SPECIFIC_RESEARCH,
                    PUBLICATION_REQUIRED -> null;
        };
    }

    /** Why the use counts as commercial, or null when nothing says it is. */
    private static String commercialUse(Request app) {
        boolean declared = Boolean.TRUE.equals(app.commercial());
        boolean purpose = app.purpose() != null && app.purpose().isCommercial();
        if (declared && purpose) {
            return "The project is declared commercial and its purpose is commercial product development";
        }
        if (declared) {
            return "The project is declared commercial";
        }
        if (purpose) {
            return "The purpose is commercial product development";
        }
        return null;
    }

    private static boolean methodsDevelopment(PurposeCategory purpose) {
        return purpose == PurposeCategory.ALGORITHM_TRAINING || purpose == PurposeCategory.ALGORITHM_VALIDATION
                || purpose == PurposeCategory.COMMERCIAL_PRODUCT_DEVELOPMENT;
    }

    private static String organisation(Request app) {
        return app.organisation() == null || app.organisation().isBlank() ? "The lead organisation"
                : "The lead organisation (" + app.organisation().strip() + ")";
    }
}
