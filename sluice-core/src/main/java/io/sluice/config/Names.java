package io.sluice.config;

import java.util.List;
import java.util.Locale;

/** How Java names appear in config files: snake_case keys, lower-case enum constants. */
final class Names {
    private Names() {
    }

    /**
     * The config key of a record component: {@code maxBodyBytes} is {@code max_body_bytes},
     * {@code s3Bucket} is {@code s3_bucket}, {@code httpURLPath} is {@code http_url_path}.
     */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char before = camel.charAt(i - 1);
                boolean wordEnds = Character.isLowerCase(before) || Character.isDigit(before);
                boolean acronymEnds = Character.isUpperCase(before) && i + 1 < camel.length()
                        && Character.isLowerCase(camel.charAt(i + 1));
                if (wordEnds || acronymEnds) {
                    sb.append('_');
                }
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** The config name of an enum constant: {@code IO_THREAD} is {@code io_thread}. */
    static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** "auto, worker or io_thread". */
    static String alternatives(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
