package io.sluice.config;

import java.util.ArrayList;
import java.util.List;

/** A sequence in a configuration tree. */
public record ConfigList(Location location, List<ConfigValue> items) implements ConfigValue {
    public ConfigList {
        items = List.copyOf(items);
    }

    @Override
    public List<Object> unwrap() {
        List<Object> out = new ArrayList<>(items.size());
        for (ConfigValue v : items) {
            out.add(v.unwrap());
        }
        return out;
    }
}
