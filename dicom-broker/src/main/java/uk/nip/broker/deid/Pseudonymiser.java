package uk.nip.broker.deid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic per-project replacements: HMAC-SHA256 of the original under the project's
 * secret. The same source value always maps to the same replacement inside a project (so
 * references between released files still resolve and re-runs are identical), and to an
 * unrelated one in any other project (so projects cannot link their data).
 */
public final class Pseudonymiser {

    /** Shifts stay at least a year back so that dates within one file do not collide with each other. */
    static final int MIN_SHIFT_DAYS = 366;
    static final int MAX_SHIFT_DAYS = 3652;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    public Pseudonymiser(byte[] projectKey) {
        this.key = new SecretKeySpec(Arrays.copyOf(projectKey, projectKey.length), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    private byte[] hash(String purpose, String original) {
        Mac m = mac.get();
        m.update(purpose.getBytes(StandardCharsets.US_ASCII));
        m.update((byte) 0);
        return m.doFinal(original.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A {@code 2.25.} UID from the first 128 bits, shaped as a version-8 (custom) UUID so it
     * follows ITU-T X.667; at most 44 characters.
     */
    public String uid(String originalUid) {
        byte[] h = Arrays.copyOf(hash("uid", originalUid.trim()), 16);
        h[6] = (byte) ((h[6] & 0x0f) | 0x80);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        return "2.25." + unsignedDecimal(h);
    }

    /**
     * The unsigned big-endian number in {@code b} in decimal, as {@code new BigInteger(1, b)}
     * gives it, by long division in base 10^9 (cheaper than BigInteger for every UID).
     */
    static String unsignedDecimal(byte[] b) {
        int[] limbs = new int[(b.length + 3) / 4];
        for (int i = 0; i < b.length; i++) {
            int fromEnd = b.length - 1 - i;
            limbs[limbs.length - 1 - fromEnd / 4] |= (b[i] & 0xff) << (8 * (fromEnd % 4));
        }
        StringBuilder digits = new StringBuilder(40);
        boolean zero;
        do {
            long remainder = 0;
            zero = true;
            for (int i = 0; i < limbs.length; i++) {
                long current = (remainder << 32) | Integer.toUnsignedLong(limbs[i]);
                limbs[i] = (int) (current / 1_000_000_000L);
                remainder = current % 1_000_000_000L;
                zero &= limbs[i] == 0;
            }
            String chunk = Long.toString(remainder);
            digits.insert(0, chunk);
            if (!zero) {
                digits.insert(0, "000000000", 0, 9 - chunk.length());
            }
        } while (!zero);
        return digits.toString();
    }

    /** Replaces PatientID and PatientName in the released data. */
    public String patientPseudonym(String patientKey) {
        return "NIP" + HexFormat.of().withUpperCase().formatHex(hash("patient", patientKey), 0, 8);
    }

    /** One offset per patient per project, always into the past and never zero. */
    public int dateShiftDays(String patientKey) {
        byte[] h = hash("dateshift", patientKey);
        int v = ((h[0] & 0x7f) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        return -(MIN_SHIFT_DAYS + v % (MAX_SHIFT_DAYS - MIN_SHIFT_DAYS + 1));
    }

    @Override
    public String toString() {
        return "Pseudonymiser[key withheld]";
    }
}
