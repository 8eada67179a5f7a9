package uk.nip.governance.application;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import uk.nip.governance.catalogue.Dataset;

/**
 * Everything an application must hold before it goes to the committee, as a pure function of its
 * content, the catalogue and today's date. Problems are keyed by field so the API and the page can
 * show each next to its field: {@code team[1].orcid}, {@code datasets[0].studyDateTo}.
 */
public final class SubmissionCheck {

    public static final int LAY_SUMMARY_MAX_WORDS = 300;
    static final int MAX_AGE = 130;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Application app;
    private final Function<String, Optional<Dataset>> catalogue;
    private final LocalDate today;
    private final Map<String, String> problems = new LinkedHashMap<>();

    private SubmissionCheck(Application app, Function<String, Optional<Dataset>> catalogue, LocalDate today) {
        this.app = app;
        this.catalogue = catalogue;
        this.today = today;
    }

    /** Every problem, in the order the form asks for the fields; empty when the application may go. */
    public static Map<String, String> problems(Application app, Function<String, Optional<Dataset>> catalogue,
            LocalDate today) {
        SubmissionCheck check = new SubmissionCheck(app, catalogue, today);
        check.summaries();
        check.purpose();
        check.organisation();
        check.team();
        check.ethicsAndLegalBasis();
        check.datasets();
        check.computeAndDates();
        return check.problems;
    }

    public static int words(String text) {
        return text == null || text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private void summaries() {
        require("title", app.getTitle(), "Give the project a title.");
        if (blank(app.getLaySummary())) {
            problems.put("laySummary", "Write a lay summary in plain English; it is published on the register.");
        } else if (words(app.getLaySummary()) > LAY_SUMMARY_MAX_WORDS) {
            problems.put("laySummary", "The lay summary has " + words(app.getLaySummary()) + " words; the limit is "
                    + LAY_SUMMARY_MAX_WORDS + ".");
        }
        require("technicalSummary", app.getTechnicalSummary(),
                "Write a technical summary of the methods for the committee.");
        require("publicBenefit", app.getPublicBenefit(), "State the public benefit of the project.");
    }

    private void purpose() {
        if (app.getPurpose() == null) {
            problems.put("purpose", "Choose the purpose category of the project.");
        }
        if (app.getCommercial() == null) {
            problems.put("commercial", "Say whether the project is commercial.");
        } else if (!app.getCommercial() && app.getPurpose() != null && app.getPurpose().isCommercial()) {
            problems.put("commercial", "Commercial product development is commercial: tick the commercial box.");
        }
    }

    private void organisation() {
        require("organisation", app.getOrganisation(), "Name the lead organisation.");
        if (app.getSector() == null) {
            problems.put("sector", "Choose the sector of the lead organisation.");
        }
    }

    private void team() {
        List<TeamMember> team = app.getTeam();
        for (int i = 0; i < team.size(); i++) {
            TeamMember m = team.get(i);
            String key = "team[" + i + "].";
            if (blank(m.getName())) {
                problems.put(key + "name", "Give the name of team member " + (i + 1) + ".");
            }
            contact(problems, key, "team member " + (i + 1), m);
            if (blank(m.getRole())) {
                problems.put(key + "role", "Say what team member " + (i + 1) + " does in the project.");
            }
            orcid(problems, key, m);
        }
    }

    private void ethicsAndLegalBasis() {
        require("ethicsReference", app.getEthicsReference(), "Give the ethics approval reference.");
        if (app.getEthicsExpiry() == null) {
            problems.put("ethicsExpiry", "Give the date the ethics approval expires.");
        } else if (!app.getEthicsExpiry().isAfter(today)) {
            problems.put("ethicsExpiry", "The ethics approval expired on " + app.getEthicsExpiry()
                    + "; renew it before submitting.");
        }
        if (app.getArticle6() == null) {
            problems.put("article6", "Choose the UK GDPR Article 6 lawful basis, for example 6(1)(e) public task.");
        }
        if (app.getArticle9() == null) {
            problems.put("article9", "Choose the UK GDPR Article 9 condition for health data, for example 9(2)(j)"
                    + " research.");
        }
    }

    private void datasets() {
        List<RequestedDataset> requested = app.getDatasets();
        if (requested.isEmpty()) {
            problems.put("datasets", "Request at least one dataset from the catalogue.");
        }
        for (int i = 0; i < requested.size(); i++) {
            RequestedDataset r = requested.get(i);
            String key = "datasets[" + i + "].";
            if (blank(r.getDatasetId())) {
                problems.put(key + "datasetId", "Choose the dataset you are requesting.");
                continue;
            }
            if (requested.subList(0, i).stream().anyMatch(o -> r.getDatasetId().equals(o.getDatasetId()))) {
                problems.put(key + "datasetId", "Dataset '" + r.getDatasetId() + "' is requested twice.");
            }
            Optional<Dataset> dataset = catalogue.apply(r.getDatasetId());
            if (dataset.isEmpty()) {
                problems.put(key + "datasetId", "Dataset '" + r.getDatasetId() + "' is not in the catalogue.");
            } else {
                notOffered(key + "modalities", "modality", r.getModalities(), dataset.get().getModalities(),
                        dataset.get());
                notOffered(key + "bodyParts", "body part", r.getBodyParts(), dataset.get().getBodyParts(),
                        dataset.get());
            }
            if (r.getStudyDateFrom() != null && r.getStudyDateTo() != null
                    && r.getStudyDateTo().isBefore(r.getStudyDateFrom())) {
                problems.put(key + "studyDateTo", "The study date range ends before it starts.");
            }
            if (outOfRange(r.getAgeFrom())) {
                problems.put(key + "ageFrom", "An age must be between 0 and " + MAX_AGE + ".");
            }
            if (outOfRange(r.getAgeTo())) {
                problems.put(key + "ageTo", "An age must be between 0 and " + MAX_AGE + ".");
            } else if (r.getAgeFrom() != null && r.getAgeTo() != null && r.getAgeTo() < r.getAgeFrom()) {
                problems.put(key + "ageTo", "The age band ends below where it starts.");
            }
        }
        require("minimisationJustification", app.getMinimisationJustification(),
                "Explain why the project needs this much data (data minimisation).");
    }

    private void notOffered(String key, String what, String requested, String offered, Dataset dataset) {
        List<String> available = RequestedDataset.split(offered);
        if (available.isEmpty()) {
            return;
        }
        List<String> missing = RequestedDataset.split(requested).stream().filter(c -> !available.contains(c))
                .toList();
        if (!missing.isEmpty()) {
            problems.put(key, dataset.getTitle() + " has no " + what + " " + String.join(", ", missing)
                    + "; it offers " + String.join(", ", available) + ".");
        }
    }

    private void computeAndDates() {
        ComputeNeeds c = app.getCompute();
        atLeast("compute.cpuCores", c.getCpuCores(), 1, "Say how many CPU cores the analysis needs (at least 1).");
        atLeast("compute.gpus", c.getGpus(), 0, "Say how many GPUs the analysis needs (0 if none).");
        atLeast("compute.storageGb", c.getStorageGb(), 1, "Say how much storage the project needs, in GB.");
        atLeast("compute.months", c.getMonths(), 1, "Say for how many months the project needs the sandbox.");
        if (app.getStartDate() == null) {
            problems.put("startDate", "Give the date you would like access to start.");
        }
        if (app.getEndDate() == null) {
            problems.put("endDate", "Give the date access should end.");
        } else if (app.getStartDate() != null && !app.getEndDate().isAfter(app.getStartDate())) {
            problems.put("endDate", "The end date must be after the start date.");
        }
    }

    private void atLeast(String key, Integer value, int min, String message) {
        if (value == null || value < min) {
            problems.put(key, message);
        }
    }

    private void require(String key, String value, String message) {
        if (blank(value)) {
            problems.put(key, message);
        }
    }

    private static boolean outOfRange(Integer age) {
        return age != null && (age < 0 || age > MAX_AGE);
    }

    /** A member's ORCID iD is optional; one given must have the form and the check character of one. */
    static void orcid(Map<String, String> problems, String key, TeamMember m) {
        if (blank(m.getOrcid())) {
            return;
        }
        if (!Orcid.hasValidFormat(m.getOrcid())) {
            problems.put(key + "orcid", "'" + m.getOrcid() + "' is not an ORCID iD: it has the form"
                    + " 0000-0002-1825-0097.");
        } else if (!Orcid.isValid(m.getOrcid())) {
            problems.put(key + "orcid", "ORCID iD " + m.getOrcid() + " has a wrong check character;"
                    + " copy it from the ORCID profile.");
        }
    }

    /** How the platform reaches a member: an email address or a platform username, at least one. */
    static void contact(Map<String, String> problems, String key, String who, TeamMember m) {
        if (blank(m.getEmail()) && blank(m.getUsername())) {
            problems.put(key + "email", "Give an email address or platform username for " + who + ".");
        } else if (!blank(m.getEmail()) && !EMAIL.matcher(m.getEmail()).matches()) {
            problems.put(key + "email", "'" + m.getEmail() + "' is not an email address.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
