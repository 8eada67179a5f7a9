package uk.nip.governance.catalogue;

import java.time.LocalDate;
import java.util.List;

/**
 * What a custodian types to describe a collection. {@code id} is used when adding only; it is the
 * collection's permanent name in applications and in the archive. Counts may be left empty (0).
 */
public record CollectionForm(
        String id,
        String title,
        String description,
        String dataController,
        String modalities,
        String bodyParts,
        Long patientCount,
        Long instanceCount,
        LocalDate dateFrom,
        LocalDate dateTo,
        List<String> duoCodes,
        LocalDate useUntil,
        String archiveLocation) {

    public CollectionForm {
        duoCodes = duoCodes == null ? List.of()
                : duoCodes.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
    }

    /** The form for an existing collection, for editing. */
    public static CollectionForm of(Dataset d) {
        return new CollectionForm(d.getId(), d.getTitle(), d.getDescription(), d.getDataController(),
                d.getModalities(), d.getBodyParts(), d.getPatientCount(), d.getInstanceCount(), d.getDateFrom(),
                d.getDateTo(), d.duoCodeList(), d.getUseUntil(), d.getArchiveLocation());
    }
}
