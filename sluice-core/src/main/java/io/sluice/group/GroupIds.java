package io.sluice.group;

import io.sluice.run.RunIds;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Safe, stable group ids from raw names (node names, namespaces, tag values): a group id names a
 * journal file, so it must pass {@link RunIds#isSafeName}. A safe name is kept as it is; any other
 * is rewritten (unsafe characters to {@code _}, cut to 110 characters) and suffixed with
 * {@code +} and 8 hex digits of a hash of the raw name, so that two raw names never share an id
 * by accident. The id depends on the raw name only, never on the other groups, except in the
 * (unlikely) case of a clash, resolved by {@code -2}, {@code -3}... in group order.
 */
final class GroupIds {
    private static final int KEEP = 110;

    private GroupIds() {
    }

    static String safe(String raw) {
        if (RunIds.isSafeName(raw)) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), KEEP) + 9);
        for (int i = 0; i < raw.length() && sb.length() < KEEP; i++) {
            char c = raw.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '+' || c == '-'
                    || c == '.' && sb.length() > 0 && sb.charAt(sb.length() - 1) != '.');
            if (sb.length() == 0 && !(c < 128 && Character.isLetterOrDigit(c))) {
                ok = false;
                if (c == '_' || c == '.') {
                    continue; // drop leading punctuation rather than start with 'g_'
                }
            }
            sb.append(ok ? c : '_');
        }
        if (sb.length() == 0 || !Character.isLetterOrDigit(sb.charAt(0))) {
            sb.insert(0, 'g');
        }
        if (sb.charAt(sb.length() - 1) == '.') {
            sb.setLength(sb.length() - 1);
        }
        return sb.append('+').append(String.format("%08x", fnv1a(raw))).toString();
    }

    /** The safe ids of {@code raws} (in group order), made unique. */
    static String[] unique(List<String> raws, boolean alreadySafe) {
        String[] ids = new String[raws.size()];
        Set<String> taken = new HashSet<>(raws.size() * 2);
        for (int i = 0; i < ids.length; i++) {
            String id = alreadySafe ? raws.get(i) : safe(raws.get(i));
            String candidate = id;
            for (int k = 2; !taken.add(candidate); k++) {
                candidate = id + "-" + k;
            }
            ids[i] = candidate;
        }
        return ids;
    }

    private static int fnv1a(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }
}
