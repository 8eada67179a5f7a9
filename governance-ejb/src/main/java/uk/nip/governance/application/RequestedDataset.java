package uk.nip.governance.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One catalogue collection the project asks for, narrowed to the cohort it needs: data
 * minimisation is argued per dataset. Empty criteria mean "no restriction on this criterion".
 */
@Embeddable
public class RequestedDataset {

    @Column(name = "dataset_id", length = 100)
    private String datasetId;

    /** DICOM modality codes, comma separated (CT,MR). */
    @Column(name = "modalities")
    private String modalities;

    /** DICOM body part examined, comma separated (CHEST,HEAD). */
    @Column(name = "body_parts")
    private String bodyParts;

    @Column(name = "study_date_from")
    private LocalDate studyDateFrom;

    @Column(name = "study_date_to")
    private LocalDate studyDateTo;

    @Column(name = "age_from")
    private Integer ageFrom;

    @Column(name = "age_to")
    private Integer ageTo;

    @Enumerated(EnumType.STRING)
    @Column(name = "sex", length = 10)
    private CohortSex sex;

    protected RequestedDataset() {
    }

    public RequestedDataset(String datasetId, String modalities, String bodyParts, LocalDate studyDateFrom,
            LocalDate studyDateTo, Integer ageFrom, Integer ageTo, CohortSex sex) {
        this.datasetId = TeamMember.trimmed(datasetId);
        this.modalities = codes(modalities);
        this.bodyParts = codes(bodyParts);
        this.studyDateFrom = studyDateFrom;
        this.studyDateTo = studyDateTo;
        this.ageFrom = ageFrom;
        this.ageTo = ageTo;
        this.sex = sex;
    }

    /** A whole collection with no cohort criteria yet. */
    public static RequestedDataset whole(String datasetId) {
        return new RequestedDataset(datasetId, null, null, null, null, null, null, null);
    }

    /** "ct, mr" and "CT,MR" are the same request. */
    private static String codes(String list) {
        List<String> codes = split(list);
        return codes.isEmpty() ? null : String.join(",", codes);
    }

    static List<String> split(String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .map(c -> c.toUpperCase(Locale.ROOT)).distinct().toList();
    }

    public String getDatasetId() { return datasetId; }
    public String getModalities() { return modalities; }
    public String getBodyParts() { return bodyParts; }
    public LocalDate getStudyDateFrom() { return studyDateFrom; }
    public LocalDate getStudyDateTo() { return studyDateTo; }
    public Integer getAgeFrom() { return ageFrom; }
    public Integer getAgeTo() { return ageTo; }
    public CohortSex getSex() { return sex; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestedDataset d && Objects.equals(datasetId, d.datasetId)
                && Objects.equals(modalities, d.modalities) && Objects.equals(bodyParts, d.bodyParts)
                && Objects.equals(studyDateFrom, d.studyDateFrom) && Objects.equals(studyDateTo, d.studyDateTo)
                && Objects.equals(ageFrom, d.ageFrom) && Objects.equals(ageTo, d.ageTo) && sex == d.sex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(datasetId, modalities, bodyParts, studyDateFrom, studyDateTo, ageFrom, ageTo, sex);
    }
}
