package io.sluice.io;

/**
 * Joins the CRC32C checksums of consecutive pieces of a file into the checksum of the whole, so
 * that pieces read by different threads can still be checked against one record. The method is
 * zlib's {@code crc32_combine}: appending {@code n} bytes multiplies the first checksum by
 * {@code x^(8n)} modulo the polynomial, done here by repeated squaring of the one-zero-bit
 * operator as a 32×32 matrix over GF(2). No JDK or library call does this.
 */
final class Crc32c {
    /** CRC-32C (Castagnoli), bit-reflected. */
    private static final long POLYNOMIAL = 0x82F63B78L;

    private Crc32c() {
    }

    /**
     * The CRC32C of {@code a} followed by {@code b}, from the CRC32C of {@code a}, that of
     * {@code b} and the length of {@code b} in bytes (both checksums as {@code CRC32C.getValue()}
     * gives them).
     */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = POLYNOMIAL; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crcA;
        long length = lengthB;
        // one zero byte (eight bits) first, then doubling
        do {
            square(even, odd);
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        } while (length != 0);
        return (crc ^ crcB) & 0xFFFFFFFFL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
