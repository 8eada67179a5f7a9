package uk.nip.broker.deid;

import java.util.Set;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/** Which UID values stay: those naming kinds of things (SOP classes, syntaxes, coding schemes), never instances. */
final class UidPolicy {

    private static final String DICOM_ROOT = "1.2.840.10008.";

    private static final Set<AttributeTag> CLASS_UIDS = Set.of(
            TagFromName.MediaStorageSOPClassUID,
            TagFromName.TransferSyntaxUID,
            TagFromName.ImplementationClassUID,
            TagFromName.SOPClassUID,
            TagFromName.ReferencedSOPClassUID,
            TagFromName.RelatedGeneralSOPClassUID,
            TagFromName.OriginalSpecializedSOPClassUID,
            TagFromName.ReferencedSOPClassUIDInFile,
            TagFromName.ReferencedTransferSyntaxUIDInFile,
            TagFromName.SOPClassesInStudy,
            TagFromName.CodingSchemeUID,
            new AttributeTag(0x0008, 0x0117),   // Context UID
            new AttributeTag(0x0008, 0x0118));  // Mapping Resource UID

    private UidPolicy() {
    }

    static boolean keeps(AttributeTag tag, String value) {
        return CLASS_UIDS.contains(tag) || value.trim().startsWith(DICOM_ROOT) || value.trim().isEmpty();
    }
}
