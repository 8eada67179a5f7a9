package uk.nip.governance.application;

import java.time.LocalDate;
import java.util.List;

/** What the lead asks to change. Fields that do not apply to the kind stay empty. */
public record AmendmentForm(AmendmentKind kind, String description, LocalDate newEndDate,
        List<String> addedDatasetIds, List<TeamMember> addedMembers) {

    public AmendmentForm {
        addedDatasetIds = addedDatasetIds == null ? List.of()
                : addedDatasetIds.stream().filter(d -> d != null && !d.isBlank()).map(String::strip).toList();
        addedMembers = addedMembers == null ? List.of() : List.copyOf(addedMembers);
    }
}
