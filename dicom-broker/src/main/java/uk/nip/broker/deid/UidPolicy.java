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

    /** Always replaced, whatever their value: the output's folders and file names are made of them. */
    private static final Set<AttributeTag> OWN_INSTANCE_UIDS = Set.of(
            TagFromName.StudyInstanceUID,
            TagFromName.SeriesInstanceUID,
            TagFromName.SOPInstanceUID,
            TagFromName.MediaStorageSOPInstanceUID);

    private UidPolicy() {
    }

    /**
     * Class UIDs stay, and so do other values under the DICOM root (well-known instances such as
     * a standard frame of reference); an instance's own UIDs never do, even if they claim that root.
     */
    static boolean keeps(AttributeTag tag, String value) {
        if (value.trim().isEmpty()) {
            return true;
        }
        if (OWN_INSTANCE_UIDS.contains(tag)) {
            return false;
        }
        return CLASS_UIDS.contains(tag) || value.trim().startsWith(DICOM_ROOT);
    }
}
