package uk.nip.broker.provision;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

/** Decides whether an input file is a DICOM instance the broker can work on, and reads it. */
final class InputIntake {

    /**
     * Either a parsed data set or the reason it cannot be used. When {@code pixelOffset} is not
     * negative, the list holds everything but Pixel Data, which is the file's last element and
     * runs from {@code pixelOffset} to the end of the file, to be copied as it is. {@code parsed}
     * holds the bytes that were read: the file, or a copy of it in memory.
     */
    record Result(AttributeList list, String transferSyntaxUid, long pixelOffset, ReceivedInstance parsed,
            QuarantineReason reason, String detail) {
        static Result accepted(AttributeList list, String transferSyntaxUid, long pixelOffset, ReceivedInstance parsed) {
            return new Result(list, transferSyntaxUid, pixelOffset, parsed, null, null);
        }

        static Result rejected(QuarantineReason reason, String detail) {
            return new Result(null, null, -1, null, reason, detail);
        }

        boolean isAccepted() {
            return reason == null;
        }

        boolean pixelsByReference() {
            return pixelOffset >= 0;
        }
    }

    private static final byte[] DICM = "DICM".getBytes(StandardCharsets.US_ASCII);

    private final long maxFileBytes;

    InputIntake(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    Result inspect(Path file) {
        return inspect(file, n -> null);
    }

    /**
     * Checks and parses a file. If {@code room} gives an array of at least
     * {@link ReceivedInstance#HEADER_ROOM}{@code + size} bytes, the file is read into it once, after that much
     * free room, and parsed from there; the room lets a de-identified header be put in front of
     * the Pixel Data in place. Otherwise it is parsed from the file.
     */
    Result inspect(Path file, IntFunction<byte[]> room) {
        // a link may point anywhere: at another folder's patients, or at a system file
        if (Files.isSymbolicLink(file)) {
            return Result.rejected(QuarantineReason.UNSUPPORTED,
                    "symbolic link is not followed: it could point outside the input folder");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Result.rejected(QuarantineReason.UNSUPPORTED, "not a regular file");
        }
        long size;
        byte[] head;
        ReceivedInstance loaded = null;
        try {
            size = Files.size(file);
            if (size == 0) {
                return Result.rejected(QuarantineReason.EMPTY_FILE, "file is empty (0 bytes)");
            }
            if (size > maxFileBytes) {
                return Result.rejected(QuarantineReason.OVERSIZED,
                        "file is " + size + " bytes, above the limit of " + maxFileBytes + " bytes");
            }
            byte[] into = size <= Integer.MAX_VALUE - ReceivedInstance.HEADER_ROOM ? room.apply((int) size) : null;
            if (into != null) {
                if (!readWhole(file, into, ReceivedInstance.HEADER_ROOM, (int) size)) {
                    return Result.rejected(QuarantineReason.UNREADABLE, "the file changed size while it was read");
                }
                loaded = ReceivedInstance.inMemory(into, ReceivedInstance.HEADER_ROOM, (int) size);
                head = Arrays.copyOfRange(into, ReceivedInstance.HEADER_ROOM, ReceivedInstance.HEADER_ROOM + (int) Math.min(132, size));
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    head = in.readNBytes(132);
                }
            }
        } catch (AccessDeniedException e) {
            return Result.rejected(QuarantineReason.UNREADABLE, "permission denied");
        } catch (IOException e) {
            return Result.rejected(QuarantineReason.UNREADABLE, "cannot read file: " + e.getClass().getSimpleName());
        }
        boolean hasPreamble = head.length == 132 && Arrays.equals(Arrays.copyOfRange(head, 128, 132), DICM);
        if (!hasPreamble && !startsLikeBareDataSet(head)) {
            return Result.rejected(QuarantineReason.NOT_DICOM, "no DICOM preamble and no recognisable data set header");
        }
        return read(loaded != null ? loaded : ReceivedInstance.file(file), true);
    }

    /** Reads exactly {@code size} bytes; false if the file turns out shorter or longer. */
    private static boolean readWhole(Path file, byte[] into, int at, int size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer room = ByteBuffer.wrap(into, at, size);
            while (room.hasRemaining()) {
                if (ch.read(room) < 0) {
                    return false;
                }
            }
            return ch.size() == size;
        }
    }

    /** An instance retrieved into memory: the same checks and reasons as for a file. */
    Result inspect(byte[] data, int length) {
        return inspect(data, 0, length);
    }

    /** The same for {@code data[offset, offset + length)}. */
    Result inspect(byte[] data, int offset, int length) {
        if (length == 0) {
            return Result.rejected(QuarantineReason.EMPTY_FILE, "file is empty (0 bytes)");
        }
        if (length > maxFileBytes) {
            return Result.rejected(QuarantineReason.OVERSIZED,
                    "file is " + length + " bytes, above the limit of " + maxFileBytes + " bytes");
        }
        byte[] head = Arrays.copyOfRange(data, offset, offset + Math.min(132, length));
        boolean hasPreamble = head.length == 132 && Arrays.equals(Arrays.copyOfRange(head, 128, 132), DICM);
        if (!hasPreamble && !startsLikeBareDataSet(head)) {
            return Result.rejected(QuarantineReason.NOT_DICOM, "no DICOM preamble and no recognisable data set header");
        }
        return read(ReceivedInstance.inMemory(data, offset, length), true);
    }

    /** Files written without Part 10 meta start straight with group 0x0002 or 0x0008. */
    private static boolean startsLikeBareDataSet(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        int littleEndianGroup = (head[0] & 0xff) | ((head[1] & 0xff) << 8);
        int bigEndianGroup = ((head[0] & 0xff) << 8) | (head[1] & 0xff);
        return littleEndianGroup == 0x0002 || littleEndianGroup == 0x0008 || bigEndianGroup == 0x0008;
    }

    /**
     * Pixel data is neither changed by de-identification nor searched differently from other
     * bytes, so it is not parsed: the header is read up to Pixel Data and the element itself is
     * later copied byte for byte. Files where that is not safe (deflated or big-endian data
     * sets, elements after Pixel Data) are parsed whole.
     */
    private static Result read(ReceivedInstance file, boolean pixelsByReference) {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        String transferSyntax;
        long pixelOffset = -1;
        try (DicomInputStream din = new DicomInputStream(file.inMemory() ? file.open() : new BufferedInputStream(file.open(), 64 * 1024))) {
            // PixelMed logs a damaged element and stops instead of throwing; the offset it reached tells us
            long reached = pixelsByReference ? list.read(din, TagFromName.PixelData) : list.read(din);
            TransferSyntax ts = din.getTransferSyntaxToReadDataSet();
            transferSyntax = ts == null ? null : ts.getUID();
            long size = file.size();
            boolean inflated = ts != null && ts.isDeflated();
            if (pixelsByReference && (inflated || (ts != null && ts.isBigEndian()))) {
                return read(file, false);
            }
            if (pixelsByReference && reached < size) {
                // having read the stop tag, PixelMed stops just past it
                PixelElement pixels = PixelElement.at(file, reached - 4, size, ts);
                switch (pixels) {
                    case LAST_ELEMENT -> pixelOffset = reached - 4;
                    case CUT_SHORT -> {
                        return Result.rejected(QuarantineReason.TRUNCATED, "file ends before its pixel data does");
                    }
                    case ELEMENTS_FOLLOW -> {
                        return read(file, false);
                    }
                    default -> {
                        return stoppedEarly(file, reached, size, ts);
                    }
                }
            } else if (!inflated && reached < size) {
                return stoppedEarly(file, reached, size, ts);
            }
        } catch (EOFException e) {
            return Result.rejected(QuarantineReason.TRUNCATED, "file ends inside a data element");
        } catch (IOException e) {
            if (endedEarly(e)) {
                return Result.rejected(QuarantineReason.TRUNCATED, "file ends inside a data element");
            }
            return Result.rejected(QuarantineReason.MALFORMED, "cannot parse: " + describe(e));
        } catch (DicomException | RuntimeException e) {
            return endedEarly(e)
                    ? Result.rejected(QuarantineReason.TRUNCATED, "file ends inside a data element")
                    : Result.rejected(QuarantineReason.MALFORMED, "cannot parse: " + describe(e));
        } catch (OutOfMemoryError e) {
            return Result.rejected(QuarantineReason.OVERSIZED, "data set does not fit in the broker's memory");
        }
        String metaSyntax = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID).trim();
        if (!metaSyntax.isEmpty()) {
            transferSyntax = metaSyntax;
        }
        if (Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID).isBlank()
                || Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID).isBlank()) {
            return Result.rejected(QuarantineReason.UNSUPPORTED,
                    "no SOP Class UID or SOP Instance UID in the data set (not a composite instance, e.g. DICOMDIR)");
        }
        if (transferSyntax == null || transferSyntax.isBlank()) {
            return Result.rejected(QuarantineReason.UNSUPPORTED, "transfer syntax cannot be determined");
        }
        return Result.accepted(list, transferSyntax, pixelOffset, file);
    }

    /** What sits where a header read stopped. */
    enum PixelElement {
        /** Pixel Data, well formed, ending exactly at the end of the file. */
        LAST_ELEMENT,
        /** Pixel Data whose declared length or fragments run past the end of the file. */
        CUT_SHORT,
        /** Pixel Data or a later element with more elements after it, or a form not handled here. */
        ELEMENTS_FOLLOW,
        /** Not a stop at Pixel Data or beyond: parsing stopped because the header is damaged. */
        NOT_A_STOP;

        private static final int PIXEL_DATA_GROUP = 0x7FE0;
        private static final int PIXEL_DATA_ELEMENT = 0x0010;

        static PixelElement at(ReceivedInstance file, long offset, long size, TransferSyntax ts) throws IOException {
            if (offset < 0) {
                return NOT_A_STOP;
            }
            try (SeekableByteChannel ch = file.channel()) {
                ByteBuffer h = readAt(ch, offset, 12);
                if (h.remaining() < 8) {
                    return NOT_A_STOP;
                }
                int group = Short.toUnsignedInt(h.getShort(0));
                int element = Short.toUnsignedInt(h.getShort(2));
                if (group != PIXEL_DATA_GROUP || element != PIXEL_DATA_ELEMENT) {
                    boolean beyond = group > PIXEL_DATA_GROUP || (group == PIXEL_DATA_GROUP && element > PIXEL_DATA_ELEMENT);
                    return beyond ? ELEMENTS_FOLLOW : NOT_A_STOP;
                }
                long length;
                int headerLength;
                if (ts == null || ts.isExplicitVR()) {
                    String vr = new String(new byte[] {h.get(4), h.get(5)}, StandardCharsets.US_ASCII);
                    if (!Set.of("OB", "OW", "UN").contains(vr) || h.remaining() < 12) {
                        return ELEMENTS_FOLLOW;
                    }
                    length = Integer.toUnsignedLong(h.getInt(8));
                    headerLength = 12;
                } else {
                    length = Integer.toUnsignedLong(h.getInt(4));
                    headerLength = 8;
                }
                long end;
                if (length == 0xFFFFFFFFL) {
                    end = endOfFragments(ch, offset + headerLength, size);
                    if (end < 0) {
                        return end == -1 ? CUT_SHORT : ELEMENTS_FOLLOW;
                    }
                } else {
                    end = offset + headerLength + length;
                }
                return end == size ? LAST_ELEMENT : end > size ? CUT_SHORT : ELEMENTS_FOLLOW;
            }
        }

        /** Walks encapsulated fragments to the sequence delimiter; -1 if the file ends first, -2 if malformed. */
        private static long endOfFragments(SeekableByteChannel ch, long position, long size) throws IOException {
            while (true) {
                ByteBuffer item = readAt(ch, position, 8);
                if (item.remaining() < 8) {
                    return -1;
                }
                int group = Short.toUnsignedInt(item.getShort(0));
                int element = Short.toUnsignedInt(item.getShort(2));
                long length = Integer.toUnsignedLong(item.getInt(4));
                if (group == 0xFFFE && element == 0xE0DD) {
                    return position + 8;
                }
                if (group != 0xFFFE || element != 0xE000 || length == 0xFFFFFFFFL) {
                    return -2;
                }
                position += 8 + length;
                if (position > size) {
                    return -1;
                }
            }
        }

        private static ByteBuffer readAt(SeekableByteChannel ch, long position, int n) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            ch.position(position);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill what is there
            }
            buf.flip();
            return buf;
        }
    }

    private static final Set<String> LONG_LENGTH_VRS = Set.of(
            "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV");

    /**
     * Reads the element header where parsing stopped: if its declared length runs past the
     * end of the file the file was cut short, otherwise its content is damaged.
     */
    private static Result stoppedEarly(ReceivedInstance file, long offset, long size, TransferSyntax ts) {
        String where = "parsing stopped at byte " + offset + " of " + size;
        byte[] header = new byte[12];
        int n;
        try (SeekableByteChannel ch = file.channel()) {
            ch.position(offset);
            ByteBuffer buf = ByteBuffer.wrap(header);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill what is there
            }
            n = buf.position();
        } catch (IOException e) {
            return Result.rejected(QuarantineReason.UNREADABLE, "cannot re-read file: " + e.getClass().getSimpleName());
        }
        if (n < 8) {
            return Result.rejected(QuarantineReason.TRUNCATED, "file ends inside an element header; " + where);
        }
        ByteBuffer h = ByteBuffer.wrap(header, 0, n)
                .order(ts != null && ts.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long length;
        int headerLength;
        String vr = new String(header, 4, 2, StandardCharsets.US_ASCII);
        boolean explicit = ts == null || ts.isExplicitVR();
        if (explicit && vr.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            if (LONG_LENGTH_VRS.contains(vr)) {
                if (n < 12) {
                    return Result.rejected(QuarantineReason.TRUNCATED, "file ends inside an element header; " + where);
                }
                length = Integer.toUnsignedLong(h.getInt(8));
                headerLength = 12;
            } else {
                length = Short.toUnsignedInt(h.getShort(6));
                headerLength = 8;
            }
        } else {
            length = Integer.toUnsignedLong(h.getInt(4));
            headerLength = 8;
        }
        if (length != 0xFFFFFFFFL && offset + headerLength + length > size) {
            return Result.rejected(QuarantineReason.TRUNCATED, "file ends before the data set does; " + where);
        }
        return Result.rejected(QuarantineReason.MALFORMED, "damaged element; " + where);
    }

    private static boolean endedEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("EOF") || m.toLowerCase(Locale.ROOT).contains("premature end") || m.contains("end of stream"))) {
                return true;
            }
        }
        return false;
    }

    /** Exception messages from the parser describe structure, not values; keep them short anyway. */
    private static String describe(Throwable e) {
        String m = e.getMessage();
        String text = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
