package uk.nip.broker.deid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;

class BurnedInTextRiskTest {

    private static AttributeList ct() throws Exception {
        AttributeList list = new AttributeList();
        UniqueIdentifierAttribute sopClass = new UniqueIdentifierAttribute(TagFromName.SOPClassUID);
        sopClass.addValue("1.2.840.10008.5.1.4.1.1.2");
        list.put(sopClass);
        set(list, TagFromName.Modality, "CT");
        set(list, TagFromName.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        return list;
    }

    private static void set(AttributeList list, com.pixelmed.dicom.AttributeTag tag, String... values) throws Exception {
        CodeStringAttribute a = new CodeStringAttribute(tag);
        for (String v : values) {
            a.addValue(v);
        }
        list.put(a);
    }

    @Test
    void anOrdinaryCtSliceIsNotFlagged() throws Exception {
        assertTrue(BurnedInTextRisk.assess(ct()).isEmpty());
    }

    @Test
    void flagsEveryKnownRisk() throws Exception {
        AttributeList burned = ct();
        set(burned, TagFromName.BurnedInAnnotation, "YES");
        assertTrue(BurnedInTextRisk.assess(burned).isPresent());

        for (String modality : new String[] {"US", "SC", "OT"}) {
            AttributeList l = ct();
            set(l, TagFromName.Modality, modality);
            assertTrue(BurnedInTextRisk.assess(l).isPresent(), modality);
        }

        AttributeList secondaryCapture = ct();
        UniqueIdentifierAttribute sc = new UniqueIdentifierAttribute(TagFromName.SOPClassUID);
        sc.addValue("1.2.840.10008.5.1.4.1.1.7.4");
        secondaryCapture.put(sc);
        assertTrue(BurnedInTextRisk.assess(secondaryCapture).isPresent());

        AttributeList screenSave = ct();
        set(screenSave, TagFromName.ImageType, "DERIVED", "SECONDARY", "SCREEN SAVE");
        assertTrue(BurnedInTextRisk.assess(screenSave).isPresent());
    }
}
