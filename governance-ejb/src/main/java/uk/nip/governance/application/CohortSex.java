package uk.nip.governance.application;

/** Which patients' studies a cohort includes, by the sex recorded in the images (DICOM PatientSex). */
public enum CohortSex {
    ANY("Any"),
    FEMALE("Female"),
    MALE("Male");

    private final String label;

    CohortSex(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
