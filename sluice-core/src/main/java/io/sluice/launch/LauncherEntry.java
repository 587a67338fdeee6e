package io.sluice.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run launcher of a {@link LauncherCatalog}: a {@code runners.yml} entry with a
 * {@code launcher:} key, its launcher (created once per session) and the entry it wraps.
 *
 * @param name       the entry's name, as {@code --runner} gives it
 * @param type       its {@code launcher:} as written ({@code sweep}, {@code com.acme.MyLauncher})
 * @param declaredAt {@code conf/base/runners.yml:3:1}
 * @param wraps      the entry it runs through: a runner or another launcher
 * @param launcher   the launcher
 * @param args       the bound arguments, or {@code null} for a launcher class that takes none
 */
public record LauncherEntry(String name, String type, String declaredAt, String wraps, Launcher launcher,
                            Record args) {
    public LauncherEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(declaredAt, "declaredAt");
        Objects.requireNonNull(wraps, "wraps");
        Objects.requireNonNull(launcher, "launcher");
    }

    /** name, launcher, declared_at, wraps and config (the bound arguments), for JSON. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("launcher", type);
        out.put("declared_at", declaredAt);
        out.put("wraps", wraps);
        out.put("config", args == null ? Map.of() : io.sluice.config.RecordValues.of(args));
        return out;
    }

    @Override
    public String toString() {
        return "launcher '" + name + "' (" + type + ", " + declaredAt + ", wraps " + wraps + ")";
    }
}
