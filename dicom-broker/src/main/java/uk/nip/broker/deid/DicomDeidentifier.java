package uk.nip.broker.deid;

import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Applies a {@link DeidentificationProfile} to one data set in memory.
 *
 * <p>PixelMed's {@code ClinicalTrialsAttributes} applies Table E.1-1 (recursively, in every
 * item). What it leaves to us: deterministic per-project UIDs, pseudonyms and date shifts
 * (its own UID map is random, static and not thread-safe, so UIDs and dates are kept by it
 * and handled here), private tags, overlays, curves and icons, and the markers that say
 * exactly what was done.
 */
public final class DicomDeidentifier {

    public static final String SOURCE_AE = "NIPBROKER";

    private static final AttributeTag[] REMOVED_EVERYWHERE = {
            TagFromName.IconImageSequence,
            TagFromName.GraphicAnnotationSequence,
            TagFromName.OriginalAttributesSequence,
            TagFromName.EncryptedAttributesSequence,
            TagFromName.DigitalSignaturesSequence,
            new AttributeTag(0x4FFE, 0x0001), // MAC Parameters Sequence
            new AttributeTag(0xFFFC, 0xFFFC), // Data Set Trailing Padding: arbitrary bytes
    };

    private static final List<String> FREE_TEXT_VRS = List.of("LO", "SH", "ST", "LT", "UT", "UC");

    private final DeidentificationProfile profile;
    private final Pseudonymiser pseudonymiser;
    private final String brokerVersion;

    public DicomDeidentifier(DeidentificationProfile profile, Pseudonymiser pseudonymiser, String brokerVersion) {
        this.profile = profile;
        this.pseudonymiser = pseudonymiser;
        this.brokerVersion = brokerVersion;
    }

    /** The new identity of a de-identified instance, used to name its output file. */
    public record ReleasedInstance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
    }

    /**
     * De-identifies {@code list} in place and gives it new file meta information for
     * {@code transferSyntaxUid}. {@code identifiers} must have been collected from the same
     * list before this call.
     */
    public ReleasedInstance deidentify(AttributeList list, SourceIdentifiers identifiers, String transferSyntaxUid)
            throws DicomException {
        String patientKey = patientKey(list);
        String pseudonym = pseudonymiser.patientPseudonym(patientKey);
        boolean shiftDates = profile.has(DeidentificationOption.RETAIN_LONGITUDINAL_MODIFIED_DATES);
        boolean cleanDescriptors = profile.has(DeidentificationOption.CLEAN_DESCRIPTORS);

        list.removeGroupLengthAttributes();
        list.removeMetaInformationHeaderAttributes();

        ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(list,
                ClinicalTrialsAttributes.HandleUIDs.keep,
                cleanDescriptors, cleanDescriptors, cleanDescriptors,
                profile.has(DeidentificationOption.RETAIN_PATIENT_CHARACTERISTICS),
                profile.has(DeidentificationOption.RETAIN_DEVICE_IDENTITY),
                false,
                shiftDates ? ClinicalTrialsAttributes.HandleDates.keep : ClinicalTrialsAttributes.HandleDates.remove,
                null, null,
                ClinicalTrialsAttributes.HandleStructuredContent.remove,
                true);

        removePrivateAttributes(list);
        list.removeOverlayAttributes();
        list.removeCurveAttributes();
        for (AttributeTag tag : REMOVED_EVERYWHERE) {
            list.removeRecursively(tag);
        }
        if (shiftDates) {
            shiftDates(list, new DateShift(pseudonymiser.dateShiftDays(patientKey)));
        }
        remapUids(list);
        scrubRetainedText(list, identifiers);

        putPatientPseudonym(list, pseudonym);
        putMarkers(list, shiftDates);

        String sopInstanceUid = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID);
        FileMetaInformation.addFileMetaInformation(list, transferSyntaxUid, SOURCE_AE);
        return new ReleasedInstance(
                Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyInstanceUID),
                Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SeriesInstanceUID),
                sopInstanceUid);
    }

    /** PatientID identifies the patient; files without one fall back to name and birth date. */
    static String patientKey(AttributeList list) {
        String id = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientID).trim();
        if (!id.isEmpty()) {
            return "id:" + id;
        }
        return "name:" + Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientName).trim()
                + "|" + Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientBirthDate).trim();
    }

    private void removePrivateAttributes(AttributeList list) throws DicomException {
        boolean keepSafe = profile.has(DeidentificationOption.RETAIN_SAFE_PRIVATE);
        DicomTree.forEachList(list, l -> {
            if (keepSafe) {
                l.removeUnsafePrivateAttributes();
            } else {
                l.removePrivateAttributes();
            }
        });
    }

    private static void shiftDates(AttributeList list, DateShift shift) throws DicomException {
        DicomTree.forEachAttribute(list, (owner, a) -> {
            String vr = a.getVRAsString();
            if (!vr.equals("DA") && !vr.equals("DT")) {
                return;
            }
            List<String> shifted = new ArrayList<>();
            for (String v : DicomTree.values(a)) {
                var moved = vr.equals("DA") ? shift.shiftDate(v) : shift.shiftDateTime(v);
                if (moved.isEmpty()) {
                    // an unreadable date cannot be shifted, so it is not released at all
                    a.removeValues();
                    return;
                }
                shifted.add(moved.get());
            }
            DicomTree.replaceValues(a, shifted);
        });
    }

    private void remapUids(AttributeList list) throws DicomException {
        DicomTree.forEachAttribute(list, (owner, a) -> {
            if (!a.getVRAsString().equals("UI")) {
                return;
            }
            String[] values = DicomTree.values(a);
            List<String> mapped = new ArrayList<>(values.length);
            boolean changed = false;
            for (String v : values) {
                if (UidPolicy.keeps(a.getTag(), v)) {
                    mapped.add(v.trim());
                } else {
                    mapped.add(pseudonymiser.uid(v));
                    changed = true;
                }
            }
            if (changed) {
                DicomTree.replaceValues(a, mapped);
            }
        });
    }

    /** Retained free text (descriptors, comments, labels) loses any identifier of its own source file. */
    private static void scrubRetainedText(AttributeList list, SourceIdentifiers identifiers) throws DicomException {
        DicomTree.forEachAttribute(list, (owner, a) -> {
            String vr = a.getVRAsString();
            boolean personName = vr.equals("PN");
            if (!personName && !FREE_TEXT_VRS.contains(vr)) {
                return;
            }
            String[] values = DicomTree.values(a);
            List<String> cleaned = new ArrayList<>(values.length);
            boolean changed = false;
            for (String v : values) {
                if (v != null && identifiers.containsAny(v)) {
                    cleaned.add(personName ? "" : identifiers.scrub(v).trim());
                    changed = true;
                } else {
                    cleaned.add(v == null ? "" : v);
                }
            }
            if (changed) {
                DicomTree.replaceValues(a, cleaned);
            }
        });
    }

    private static void putPatientPseudonym(AttributeList list, String pseudonym) throws DicomException {
        Attribute id = new LongStringAttribute(TagFromName.PatientID);
        id.addValue(pseudonym);
        list.put(id);
        Attribute name = new PersonNameAttribute(TagFromName.PatientName);
        name.addValue(pseudonym);
        list.put(name);
    }

    private void putMarkers(AttributeList list, boolean datesShifted) throws DicomException {
        Attribute removed = new CodeStringAttribute(TagFromName.PatientIdentityRemoved);
        removed.addValue("YES");
        list.put(removed);

        Attribute method = new LongStringAttribute(TagFromName.DeidentificationMethod);
        method.addValue(DeidentificationProfile.BASIC_PROFILE_MEANING);
        SequenceAttribute codes = new SequenceAttribute(TagFromName.DeidentificationMethodCodeSequence);
        codes.addItem(new CodedSequenceItem(DeidentificationProfile.BASIC_PROFILE_CODE, "DCM",
                DeidentificationProfile.BASIC_PROFILE_MEANING).getAttributeList());
        for (DeidentificationOption option : profile.options()) {
            method.addValue(option.codeMeaning());
            codes.addItem(new CodedSequenceItem(option.codeValue(), "DCM", option.codeMeaning()).getAttributeList());
        }
        list.put(method);
        list.put(codes);

        Attribute longitudinal = new CodeStringAttribute(TagFromName.LongitudinalTemporalInformationModified);
        longitudinal.addValue(datesShifted ? "MODIFIED" : "REMOVED");
        list.put(longitudinal);

        // no contribution date-time: re-running a project must reproduce the same bytes
        ClinicalTrialsAttributes.addContributingEquipmentSequence(list, true,
                new CodedSequenceItem("109104", "DCM", "De-identifying Equipment"),
                "NIP", null, null, null, null, "dicom-broker", null, brokerVersion,
                "Deidentified", null, null, null);
    }
}
