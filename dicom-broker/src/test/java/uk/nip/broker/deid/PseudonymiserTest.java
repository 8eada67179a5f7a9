package uk.nip.broker.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sameKeySameReplacementDifferentKeyDifferentReplacement() {
        Pseudonymiser a = new Pseudonymiser(key(1));
        Pseudonymiser a2 = new Pseudonymiser(key(1));
        Pseudonymiser b = new Pseudonymiser(key(2));
        String uid = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
        assertEquals(a.uid(uid), a2.uid(uid));
        assertNotEquals(a.uid(uid), b.uid(uid));
        assertEquals(a.patientPseudonym("id:9990000018"), a2.patientPseudonym("id:9990000018"));
        assertNotEquals(a.patientPseudonym("id:9990000018"), b.patientPseudonym("id:9990000018"));
    }

    @Test
    void uidsAreValidUuidDerivedUids() {
        Pseudonymiser p = new Pseudonymiser(key(3));
        for (int i = 0; i < 500; i++) {
            String uid = p.uid("1.2.3." + i);
            assertTrue(uid.matches("2\\.25\\.[1-9][0-9]*"), uid);
            assertTrue(uid.length() <= 44, uid);
        }
    }

    @Test
    void dateShiftsStayWithinTheirRangeAndNeverZero() {
        Pseudonymiser p = new Pseudonymiser(key(4));
        for (int i = 0; i < 1000; i++) {
            int days = p.dateShiftDays("id:" + i);
            assertTrue(days <= -Pseudonymiser.MIN_SHIFT_DAYS && days >= -Pseudonymiser.MAX_SHIFT_DAYS, String.valueOf(days));
        }
    }

    @Test
    void neverPrintsItsKey() {
        assertEquals("Pseudonymiser[key withheld]", new Pseudonymiser(key(5)).toString());
    }

    @Test
    void uidNumbersAreWhatBigIntegerGives() {
        java.util.Random random = new java.util.Random(42);
        java.util.List<byte[]> values = new java.util.ArrayList<>();
        values.add(new byte[16]);
        byte[] ones = new byte[16];
        Arrays.fill(ones, (byte) 0xff);
        values.add(ones);
        values.add(java.math.BigInteger.TEN.pow(9).toByteArray());
        values.add(java.math.BigInteger.TEN.pow(18).subtract(java.math.BigInteger.ONE).toByteArray());
        values.add(java.math.BigInteger.TEN.pow(27).toByteArray());
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[1 + random.nextInt(16)];
            random.nextBytes(b);
            values.add(b);
        }
        for (byte[] b : values) {
            assertEquals(new java.math.BigInteger(1, b).toString(), Pseudonymiser.unsignedDecimal(b));
        }
    }
}
