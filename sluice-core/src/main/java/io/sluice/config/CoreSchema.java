package io.sluice.config;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Types plain scalars as the YAML 1.2 core schema does. Unlike YAML 1.1 (and PyYAML),
 * {@code yes}/{@code no}/{@code on}/{@code off} and dates stay strings.
 */
final class CoreSchema {
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

    private CoreSchema() {}

    /** The typed value of a plain (unquoted, untagged) scalar. */
    static Object type(String text) {
        if (isNull(text)) {
            return null;
        }
        Boolean b = bool(text);
        if (b != null) {
            return b;
        }
        Object i = integer(text);
        if (i != null) {
            return i;
        }
        Double d = floating(text);
        return d != null ? d : text;
    }

    static boolean isNull(String text) {
        return NULL.matcher(text).matches();
    }

    /** {@code Boolean} for core-schema booleans, else {@code null}. */
    static Boolean bool(String text) {
        if (TRUE.matcher(text).matches()) {
            return Boolean.TRUE;
        }
        return FALSE.matcher(text).matches() ? Boolean.FALSE : null;
    }

    /** The narrowest of Integer, Long, BigInteger for core-schema integers, else {@code null}. */
    static Object integer(String text) {
        BigInteger big;
        if (DECIMAL.matcher(text).matches()) {
            big = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        } else if (OCTAL.matcher(text).matches()) {
            big = new BigInteger(text.substring(2), 8);
        } else if (HEX.matcher(text).matches()) {
            big = new BigInteger(text.substring(2), 16);
        } else {
            return null;
        }
        if (big.bitLength() < 32) {
            return big.intValue();
        }
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** A {@code Double} for core-schema floats, else {@code null}. */
    static Double floating(String text) {
        if (FLOAT.matcher(text).matches()) {
            return Double.valueOf(text);
        }
        if (INF.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return NAN.matcher(text).matches() ? Double.NaN : null;
    }
}
