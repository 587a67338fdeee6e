package io.sluice.run;

import io.sluice.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A source of run ids: {@code 2026-11-22T02.34.56.789Z-0000-3fa1c2d4} — a UTC timestamp
 * (file-name safe, so it can be a save version directory), a per-millisecond sequence, and a
 * random tag chosen once per generator.
 *
 * <p>Each {@link io.sluice.session.Session} owns one generator; there is no process-wide counter.
 * The ids of one generator sort in creation order. Ids of different generators (two sessions, two
 * processes, two machines) sort by time to the millisecond and differ by their 32-bit tags, so two
 * generators collide only if they drew the same tag and made an id in the same millisecond with
 * the same sequence number.
 *
 * <p>Thread-safe.
 */
public final class RunIds {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss.")
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code -3fa1c2d4}: this generator's tag, as it ends every id. */
    private final char[] tag;
    private long lastMillis;
    private int sequence;
    private long prefixSecond = Long.MIN_VALUE;
    private String secondPrefix;

    /** A generator with a random tag. */
    public RunIds() {
        this(randomTag());
    }

    /**
     * 32 random bits: four bytes of {@code /dev/urandom} where there is one (what SecureRandom's
     * default reads on Linux, without its provider lookup: about 10 ms of a one-off run), else
     * {@link SecureRandom}.
     */
    private static int randomTag() {
        Path urandom = Path.of("/dev/urandom");
        if (Files.isReadable(urandom)) {
            try (InputStream in = Files.newInputStream(urandom)) {
                byte[] b = in.readNBytes(4);
                if (b.length == 4) {
                    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
                }
            } catch (IOException | RuntimeException e) {
                // not readable after all: SecureRandom below
            }
        }
        return new SecureRandom().nextInt();
    }

    /** A generator with the given tag (tests). */
    RunIds(int tag) {
        this.tag = new char[9];
        this.tag[0] = '-';
        hex(tag, 8, this.tag, 1);
    }

    /** One id from a fresh generator, for work outside any session (a dataset saved by hand). */
    public static String once() {
        return new RunIds().next();
    }

    /** A new run id, greater than every id this generator made before. */
    public String next() {
        long millis;
        int seq;
        String prefix;
        synchronized (this) {
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
            long second = Math.floorDiv(millis, 1000);
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
        char[] rest = new char[9 + tag.length];
        rest[0] = (char) ('0' + ms / 100);
        rest[1] = (char) ('0' + ms / 10 % 10);
        rest[2] = (char) ('0' + ms % 10);
        rest[3] = 'Z';
        rest[4] = '-';
        hex(seq, 4, rest, 5);
        System.arraycopy(tag, 0, rest, 9, tag.length);
        return prefix.concat(new String(rest));
    }

    private static void hex(int value, int digits, char[] into, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            into[at + i] = HEX[value & 0xf];
            value >>>= 4;
        }
    }

    /**
     * Checks a caller-given run id: it becomes a directory and file name, so it must be 1 to 128
     * characters of letters, digits and {@code . _ : + -}, start with a letter or digit and hold
     * no {@code ..}.
     */
    public static String validate(String runId) {
        if (!isSafeName(runId)) {
            throw new SluiceException("Invalid run id '" + runId + "': use 1 to 128 letters, digits and . _ : + - "
                    + "starting with a letter or digit, without '..' (it names files and version folders).");
        }
        return runId;
    }

    /**
     * Checks a group id, which names a journal part file: the same rules as a run id.
     */
    public static String validateGroup(String group) {
        if (!isSafeName(group)) {
            throw new SluiceException("Invalid group id '" + group + "': use 1 to 128 letters, digits and . _ : + - "
                    + "starting with a letter or digit, without '..' (it names the run's journal part file).");
        }
        return group;
    }

    /**
     * Whether {@code id} is a safe run or group id: {@code [A-Za-z0-9][A-Za-z0-9._:+-]{0,127}}
     * without {@code ..}, checked without a regex (services check every run).
     */
    public static boolean isSafeName(String id) {
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
