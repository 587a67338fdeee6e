package io.sluice.run;

import io.sluice.pipeline.PipelineFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded pseudo-random run specs: every field takes a default or a random value, params are
 * nested plain data. Values are those Jackson reads back as themselves: ints as Integer, longs
 * outside the int range as Long, finite doubles as Double.
 */
final class RandomSpecs {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:+-";
    private static final String[] ODD_TEXT = {"", " ", "a b", "quote\"d", "back\\slash", "new\nline", "tab\t",
            "ünïcödé", "日本語", "emoji 😀", "{\"json\": 1}", "[1,2]", "null", "true", "1", "1.5", "a=b,c=d", "'single'",
            "$(rm -rf /)", "\u0000nul", "\u2028"};

    private final Random random;

    RandomSpecs(long seed) {
        this.random = new Random(seed);
    }

    RunSpec next() {
        RunSpec.Builder b = RunSpec.builder(chance(4) ? RunSpec.DEFAULT_PIPELINE : word());
        if (chance(2)) {
            b.selection(new PipelineFilter(names(), names(), names(), names(), names(), names(), names()));
        }
        b.onlyMissingOutputs(random.nextBoolean());
        if (chance(3)) {
            b.group(safeName());
            if (random.nextBoolean()) {
                b.groupBy(groupBy());
            }
        }
        if (chance(2)) {
            b.runner(random.nextBoolean() ? RunSpec.PARALLEL : "com.acme.Runner" + random.nextInt(10));
        }
        b.maxWorkers(chance(2) ? 0 : random.nextInt(64));
        if (chance(2)) {
            b.runId(safeName());
        }
        int params = random.nextInt(5);
        for (int i = 0; i < params; i++) {
            b.param(paramKey(), value(3));
        }
        int versions = random.nextInt(3);
        for (int i = 0; i < versions; i++) {
            b.loadVersion(word(), safeName());
        }
        b.outputs(names());
        if (chance(3)) {
            b.env(word());
        }
        b.journal(random.nextBoolean());
        return b.build();
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        int n = chance(2) ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            s.add(chance(5) ? ODD_TEXT[1 + random.nextInt(ODD_TEXT.length - 1)] : word());
        }
        return s;
    }

    private String word() {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
            if (i > 0 && chance(6)) {
                s.append(chance(2) ? '_' : '.');
            }
        }
        return s.toString();
    }

    private String safeName() {
        StringBuilder s = new StringBuilder();
        s.append(NAME_CHARS.charAt(random.nextInt(62)));
        int n = random.nextInt(chance(10) ? 127 : 30);
        for (int i = 0; i < n; i++) {
            char c = NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length()));
            if (c == '.' && s.charAt(s.length() - 1) == '.') {
                c = 'x';
            }
            s.append(c);
        }
        return s.toString();
    }

    private String paramKey() {
        return chance(8) ? ODD_TEXT[random.nextInt(ODD_TEXT.length)] : word();
    }

    private Object value(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> random.nextInt();
            case 1 -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(1000)
                    : (long) Integer.MIN_VALUE - 1 - random.nextInt(1_000_000);
            case 2 -> switch (random.nextInt(4)) {
                case 0 -> random.nextDouble();
                case 1 -> (double) random.nextInt(100); // 3.0: still a Double when read back
                case 2 -> -random.nextDouble() * 1e300;
                default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL); // any finite
            };
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> ODD_TEXT[random.nextInt(ODD_TEXT.length)];
            case 6 -> word();
            case 7 -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(value(depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    map.put(paramKey(), value(depth - 1));
                }
                yield map;
            }
        };
    }

    /** A grouping: any strategy, the tag options with tag, a merge now and then. */
    private GroupBy groupBy() {
        String strategy = GroupBy.STRATEGIES.get(random.nextInt(GroupBy.STRATEGIES.size()));
        boolean tag = strategy.equals("tag");
        int target = chance(3) ? 1 + random.nextInt(8) : 0;
        long cost = chance(3) ? 1 + random.nextInt(100) : 0;
        return new GroupBy(strategy, tag && random.nextBoolean() ? word() + ":" : null,
                tag && random.nextBoolean() ? safeName() : null, target, cost,
                (target > 0 || cost > 0) && random.nextBoolean() ? word() + ":" : null);
    }
}
