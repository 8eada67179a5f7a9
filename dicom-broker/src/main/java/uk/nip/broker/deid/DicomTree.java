package uk.nip.broker.deid;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;

/** Visits every attribute in a data set, inside every sequence item at any depth. */
final class DicomTree {

    interface AttributeVisitor {
        void visit(AttributeList owner, Attribute attribute) throws DicomException;
    }

    interface ListVisitor {
        void visit(AttributeList list) throws DicomException;
    }

    private DicomTree() {
    }

    static void forEachAttribute(AttributeList list, AttributeVisitor visitor) throws DicomException {
        // copy first: visitors may replace or remove attributes of the list they are given
        List<Attribute> attributes = new ArrayList<>(list.values());
        for (Attribute a : attributes) {
            visitor.visit(list, a);
            if (a instanceof SequenceAttribute sq) {
                for (Iterator<SequenceItem> it = sq.iterator(); it.hasNext();) {
                    forEachAttribute(it.next().getAttributeList(), visitor);
                }
            }
        }
    }

    /** Visits the top-level list and then every item list below it. */
    static void forEachList(AttributeList list, ListVisitor visitor) throws DicomException {
        visitor.visit(list);
        for (Attribute a : new ArrayList<>(list.values())) {
            if (a instanceof SequenceAttribute sq) {
                for (Iterator<SequenceItem> it = sq.iterator(); it.hasNext();) {
                    forEachList(it.next().getAttributeList(), visitor);
                }
            }
        }
    }

    static String[] values(Attribute a) {
        try {
            String[] v = a.getStringValues();
            return v == null ? new String[0] : v;
        } catch (DicomException e) {
            return new String[0];
        }
    }

    static void replaceValues(Attribute a, List<String> values) throws DicomException {
        a.removeValues();
        for (String v : values) {
            a.addValue(v);
        }
    }
}
