package io.sluice.viz;

import io.sluice.io.Credentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Catalog configuration made safe to show: passwords inside URLs masked (the catalog already
 * masks resolved credentials), and the value of any key that names a secret.
 */
final class Masking {
    static final String MASK = "****";
    private static final List<String> SECRET_KEYS = List.of("password", "secret", "token", "api_key", "apikey",
            "access_key", "private_key", "credentials");

    private Masking() {
    }

    static Object masked(Object config) {
        if (config instanceof String text) {
            return Credentials.maskUrlSecrets(text);
        }
        if (config instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), isSecretKey(String.valueOf(k)) && v != null
                    && !(v instanceof Map<?, ?>) ? MASK : masked(v)));
            return out;
        }
        if (config instanceof List<?> list) {
            return list.stream().map(Masking::masked).toList();
        }
        return config;
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_KEYS.stream().anyMatch(k::contains);
    }
}
