package uk.nip.broker.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

/**
 * A small synthetic CT (or MR) collection with realistic but fake identifiers, so the whole
 * provisioning path can be demonstrated and tested without real patient data. Patient IDs
 * are in the 999 range the NHS reserves for test numbers and carry a FAKE issuer; the same
 * seed always produces the same files.
 */
public final class DemoDatasetGenerator {

    public static final long DEFAULT_SEED = 20240601L;
    public static final String INSTITUTION = "Demo General Hospital";

    private static final List<String> GIVEN_NAMES = List.of("ALICE", "BOB", "CAROL", "DAVID", "ERIN", "FRANK",
            "GRACE", "HEIDI", "IVAN", "JUDY", "KEVIN", "LAURA", "MALLORY", "NIAJ", "OLIVIA", "PEGGY");
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int DEFAULT_SIZE = 64;

    private final long seed;
    private int rows = DEFAULT_SIZE;
    private int columns = DEFAULT_SIZE;
    private String collection;
    private String bodyPart = "CHEST";
    private String modality = "CT";
    private String institution = INSTITUTION;

    public DemoDatasetGenerator(long seed) {
        this.seed = seed;
    }

    /** Image size; the default 64 x 64 keeps tests fast, 512 x 512 is a real CT slice. */
    public DemoDatasetGenerator imageSize(int rows, int columns) {
        if (rows < 16 || columns < 16 || rows > 4096 || columns > 4096) {
            throw new IllegalArgumentException("rows and columns must be between 16 and 4096");
        }
        this.rows = rows;
        this.columns = columns;
        return this;
    }

    /** Stamps Clinical Trial Protocol ID, which names the collection in a DICOMweb archive. */
    public DemoDatasetGenerator collection(String collection) {
        this.collection = collection;
        return this;
    }

    /** CT (the default) or MR: the images' SOP class and their modality's acquisition attributes. */
    public DemoDatasetGenerator modality(String modality) {
        if (!modality.equals("CT") && !modality.equals("MR")) {
            throw new IllegalArgumentException("modality must be CT or MR, not " + modality);
        }
        this.modality = modality;
        return this;
    }

    public DemoDatasetGenerator bodyPart(String bodyPart) {
        this.bodyPart = bodyPart;
        return this;
    }

    /** The Institution Name, which the archive index records as the site. */
    public DemoDatasetGenerator site(String institution) {
        this.institution = institution;
        return this;
    }

    /** What was generated, for the command's summary. */
    public record DemoDataset(Path folder, int patients, int studies, int files) {
    }

    public DemoDataset generate(Path out, int patients, int studiesPerPatient, int imagesPerSeries)
            throws IOException, DicomException {
        Random random = new Random(seed);
        int files = 0;
        for (int p = 1; p <= patients; p++) {
            FakePatient patient = fakePatient(p, random);
            LocalDate firstStudy = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(3 * 365));
            for (int s = 1; s <= studiesPerPatient; s++) {
                // follow-up studies months apart, so date shifting can be seen to keep intervals
                LocalDate studyDate = firstStudy.plusDays((long) (s - 1) * (90 + random.nextInt(180)));
                String studyTime = String.format(Locale.ROOT, "%02d%02d%02d", 8 + random.nextInt(9), random.nextInt(60), random.nextInt(60));
                String accession = String.format(Locale.ROOT, "DEMOACC%06d", random.nextInt(1_000_000));
                Path folder = out.resolve(String.format(Locale.ROOT, "patient-%02d", p))
                        .resolve(String.format(Locale.ROOT, "study-%02d", s));
                Files.createDirectories(folder);
                for (int i = 1; i <= imagesPerSeries; i++) {
                    AttributeList list = image(patient, p, s, i, studyDate, studyTime, accession, random);
                    list.write(folder.resolve(String.format(Locale.ROOT, "image-%03d.dcm", i)).toFile(),
                            TransferSyntax.ExplicitVRLittleEndian, true, true);
                    files++;
                }
            }
        }
        return new DemoDataset(out, patients, patients * studiesPerPatient, files);
    }

    private record FakePatient(String name, String id, LocalDate birthDate, String sex, String address,
            String telephone) {
    }

    private FakePatient fakePatient(int p, Random random) {
        String given = GIVEN_NAMES.get((p - 1) % GIVEN_NAMES.size()) + (p > GIVEN_NAMES.size() ? String.valueOf(p) : "");
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(60 * 365));
        String sex = p % 2 == 1 ? "F" : "M";
        String address = (10 + random.nextInt(80)) + " Example Street^Demo Town^DM1 " + (1 + random.nextInt(9)) + "ZZ";
        String telephone = String.format(Locale.ROOT, "01632 %06d", random.nextInt(1_000_000));
        return new FakePatient("DEMO^" + given, testNhsNumber(p, random), birth, sex, address, telephone);
    }

    /** A 10-digit number in the 999 test range with a valid modulus-11 check digit. */
    static String testNhsNumber(int p, Random random) {
        while (true) {
            String body = String.format(Locale.ROOT, "999%06d", (p * 7919 + random.nextInt(1000)) % 1_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (body.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return body + check;
            }
        }
    }

    private AttributeList image(FakePatient patient, int p, int s, int i, LocalDate studyDate, String studyTime,
            String accession, Random random) throws DicomException {
        AttributeList list = new AttributeList();
        String studyUid = uid("study", p, s, 0);
        String seriesUid = uid("series", p, s, 0);
        String instanceUid = uid("image", p, s, i);
        String date = studyDate.format(DA);
        int age = Period.between(patient.birthDate(), studyDate).getYears();

        put(list, "SpecificCharacterSet", "ISO_IR 100");
        boolean ct = modality.equals("CT");
        put(list, "ImageType", "ORIGINAL", "PRIMARY", ct ? "AXIAL" : "OTHER");
        put(list, "InstanceCreationDate", date);
        put(list, "InstanceCreationTime", studyTime);
        put(list, "SOPClassUID", ct ? SOPClass.CTImageStorage : SOPClass.MRImageStorage);
        put(list, "SOPInstanceUID", instanceUid);
        put(list, "StudyDate", date);
        put(list, "SeriesDate", date);
        put(list, "AcquisitionDate", date);
        put(list, "ContentDate", date);
        put(list, "StudyTime", studyTime);
        put(list, "SeriesTime", studyTime);
        put(list, "AcquisitionTime", studyTime);
        put(list, "ContentTime", studyTime);
        put(list, "AccessionNumber", accession);
        put(list, "Modality", modality);
        put(list, "Manufacturer", "Demo Imaging Systems");
        put(list, "InstitutionName", institution);
        put(list, "InstitutionAddress", "1 Hospital Road, Demo Town DM1 1ZZ");
        put(list, "ReferringPhysicianName", "REFERRER^DEMO");
        put(list, "StationName", "DEMO" + modality + "01");
        put(list, "StudyDescription", modality + " " + bodyPart);
        put(list, "SeriesDescription", "AXIAL 5MM");
        put(list, "InstitutionalDepartmentName", "Radiology");
        put(list, "OperatorsName", "OPERATOR^DEMO");
        put(list, "ManufacturerModelName", "SYNTHETIC " + modality);

        put(list, "PatientName", patient.name());
        put(list, "PatientID", patient.id());
        put(list, "IssuerOfPatientID", "FAKE-NHS-TEST-NUMBERS");
        put(list, "PatientBirthDate", patient.birthDate().format(DA));
        put(list, "PatientSex", patient.sex());
        put(list, "PatientAge", String.format(Locale.ROOT, "%03dY", age));
        put(list, "PatientSize", "1.70");
        put(list, "PatientWeight", String.valueOf(55 + (p * 7) % 40));
        put(list, "PatientAddress", patient.address());
        put(list, "PatientTelephoneNumbers", patient.telephone());

        put(list, "BodyPartExamined", bodyPart);
        if (collection != null) {
            put(list, "ClinicalTrialProtocolID", collection);
        }
        put(list, "SliceThickness", "5");
        put(list, "DeviceSerialNumber", "DEMO-0001");
        put(list, "SoftwareVersions", "demo-1.0");
        if (ct) {
            put(list, "KVP", "120");
            put(list, "DataCollectionDiameter", "500");
            put(list, "ReconstructionDiameter", "350");
            put(list, "GantryDetectorTilt", "0");
            put(list, "TableHeight", "150");
            put(list, "RotationDirection", "CW");
            put(list, "ExposureTime", "500");
            put(list, "XRayTubeCurrent", "200");
            put(list, "Exposure", "100");
            put(list, "ConvolutionKernel", "STANDARD");
        } else {
            put(list, "ScanningSequence", "SE");
            put(list, "SequenceVariant", "NONE");
            put(list, "ScanOptions");
            put(list, "MRAcquisitionType", "2D");
            put(list, "RepetitionTime", "500");
            put(list, "EchoTime", "15");
            put(list, "EchoTrainLength", "1");
            put(list, "ImagedNucleus", "1H");
            put(list, "MagneticFieldStrength", "1.5");
        }
        put(list, "PatientPosition", "HFS");

        put(list, "StudyInstanceUID", studyUid);
        put(list, "SeriesInstanceUID", seriesUid);
        put(list, "StudyID", String.format(Locale.ROOT, "S%02d%02d", p, s));
        put(list, "SeriesNumber", "1");
        put(list, "AcquisitionNumber", "1");
        put(list, "InstanceNumber", String.valueOf(i));
        double z = -100.0 - 5.0 * (i - 1);
        put(list, "ImagePositionPatient", "-175", "-175", fmt(z));
        put(list, "ImageOrientationPatient", "1", "0", "0", "0", "1", "0");
        put(list, "FrameOfReferenceUID", uid("frame", p, s, 0));
        put(list, "PositionReferenceIndicator", "");
        put(list, "SliceLocation", fmt(z));

        SequenceAttribute request = new SequenceAttribute(TagFromName.RequestAttributesSequence);
        AttributeList item = new AttributeList();
        put(item, "RequestedProcedureID", String.format(Locale.ROOT, "RP%s", accession.substring(7)));
        put(item, "ScheduledProcedureStepID", String.format(Locale.ROOT, "SPS%s", accession.substring(7)));
        request.addItem(item);
        list.put(request);

        put(list, "SamplesPerPixel", "1");
        put(list, "PhotometricInterpretation", "MONOCHROME2");
        put(list, "Rows", String.valueOf(rows));
        put(list, "Columns", String.valueOf(columns));
        put(list, "PixelSpacing", fmt(350.0 / rows), fmt(350.0 / columns));
        put(list, "BitsAllocated", "16");
        put(list, "BitsStored", "12");
        put(list, "HighBit", "11");
        put(list, "PixelRepresentation", "0");
        put(list, "WindowCenter", "40");
        put(list, "WindowWidth", "400");
        if (ct) {
            put(list, "RescaleIntercept", "-1024");
            put(list, "RescaleSlope", "1");
            put(list, "RescaleType", "HU");
        }

        Attribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(phantom(i, random, rows, columns));
        list.put(pixels);

        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "NIPDEMO");
        return list;
    }

    /** A chest-like phantom: air, body, two lungs and a spine, with slice-dependent lung size and mild noise. */
    private static short[] phantom(int slice, Random random, int rows, int columns) {
        short[] v = new short[rows * columns];
        double lung = 0.20 + 0.02 * (slice % 5);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double nx = (x - columns / 2.0) / (columns / 2.0);
                double ny = (y - rows / 2.0) / (rows / 2.0);
                int hu = -1000;
                if (nx * nx / 0.81 + ny * ny / 0.49 <= 1) {
                    hu = 40;
                    if (sq((nx + 0.4) / lung) + sq(ny / 0.45) <= 1 || sq((nx - 0.4) / lung) + sq(ny / 0.45) <= 1) {
                        hu = -850;
                    }
                    if (sq(nx / 0.12) + sq((ny - 0.45) / 0.12) <= 1) {
                        hu = 700;
                    }
                }
                int stored = Math.max(0, Math.min(4095, hu + 1024 + random.nextInt(21) - 10));
                v[y * columns + x] = (short) stored;
            }
        }
        return v;
    }

    private static double sq(double d) {
        return d * d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Deterministic UIDs from the seed, in the 2.25 (UUID-derived) arc. */
    private String uid(String kind, int p, int s, int i) {
        UUID u = UUID.nameUUIDFromBytes((seed + "/" + kind + "/" + p + "/" + s + "/" + i).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /** By keyword: PixelMed's TagFromName holds only a subset of the dictionary. */
    private static void put(AttributeList list, String keyword, String... values) throws DicomException {
        AttributeTag tag = AttributeList.getDictionary().getTagFromName(keyword);
        if (tag == null) {
            throw new DicomException("no dictionary entry for " + keyword);
        }
        Attribute a = AttributeFactory.newAttribute(tag);
        for (String v : values) {
            a.addValue(v);
        }
        list.put(a);
    }
}
