package io.sluice.session;

import io.sluice.SluiceException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids: {@code 2026-11-22T02.34.56.789Z-0000a3f1} — a UTC timestamp (file-name safe, so it can
 * be a save version directory) followed by a per-millisecond sequence and a random part. Ids from
 * one process sort in creation order; ids from several processes sort by time to the
 * millisecond and do not collide in practice (16 random bits per id besides the time).
 */
public final class RunIds {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss.")
            .withZone(ZoneOffset.UTC);
    private static long lastMillis;
    private static int sequence;
    private static long prefixSecond = Long.MIN_VALUE;
    private static String secondPrefix;

    private RunIds() {
    }

    /** A new run id, greater than every id this process made before. */
    public static String next() {
        long millis;
        int seq;
        String prefix;
        long second;
        synchronized (RunIds.class) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0xffff) {
                    millis++;
                    sequence = 0;
                }
            } else {
                sequence = 0;
            }
            second = Math.floorDiv(millis, 1000);
            if (second != prefixSecond) {
                // formatting the date is the costly part: done once a second, the milliseconds by hand
                secondPrefix = SECONDS.format(Instant.ofEpochSecond(second));
                prefixSecond = second;
            }
            lastMillis = millis;
            seq = sequence;
            prefix = secondPrefix;
        }
        int ms = (int) Math.floorMod(millis, 1000);
        char[] rest = new char[13];
        rest[0] = (char) ('0' + ms / 100);
        rest[1] = (char) ('0' + ms / 10 % 10);
        rest[2] = (char) ('0' + ms % 10);
        rest[3] = 'Z';
        rest[4] = '-';
        hex(seq, rest, 5);
        hex(ThreadLocalRandom.current().nextInt(0x10000), rest, 9);
        return prefix.concat(new String(rest));
    }

    private static void hex(int value, char[] into, int at) {
        for (int i = 3; i >= 0; i--) {
            into[at + i] = Character.forDigit(value & 0xf, 16);
            value >>>= 4;
        }
    }

    /**
     * Checks a caller-given run id: it becomes a directory and file name, so it must be 1 to 128
     * characters of letters, digits and {@code . _ : + -}, start with a letter or digit and hold
     * no {@code ..}.
     */
    public static String validate(String runId) {
        if (!isValid(runId)) {
            throw new SluiceException("Invalid run id '" + runId + "': use 1 to 128 letters, digits and . _ : + - "
                    + "starting with a letter or digit, without '..' (it names files and version folders).");
        }
        return runId;
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._:+-]{0,127}} without {@code ..}, checked without a regex (services check every run). */
    private static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 128 || !letterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '+' && c != '-') {
                return false;
            }
            if (c == '.' && id.charAt(i - 1) == '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
