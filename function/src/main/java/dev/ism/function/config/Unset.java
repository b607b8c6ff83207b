package dev.ism.function.config;

import io.micronaut.core.annotation.Nullable;

/**
 * The one notion of "unset" for every setting: absent, empty or blank. The configuration files map each
 * environment variable as {@code ${ISM_X:}}, so an absent variable and an empty one both arrive as
 * {@code ""}; the deployed template sets its unused variables to {@code ""}. Settings types pass their
 * values through here (defaults are applied in them, not in the files), and beans that exist only
 * when a setting is given require {@link #SET} of it.
 */
public final class Unset {

    /**
     * For {@code @Requires(property = ..., pattern = Unset.SET)}: a value with a character other than
     * whitespace. A missing property does not match either.
     */
    public static final String SET = "(?s).*\\S.*";

    private Unset() {
    }

    /** True for null, empty and blank. */
    public static boolean isUnset(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** The value, or null when it is unset. */
    @Nullable
    public static String orNull(@Nullable String value) {
        return isUnset(value) ? null : value;
    }

    /** The value, or {@code fallback} when it is unset. */
    public static String or(@Nullable String value, String fallback) {
        return isUnset(value) ? fallback : value;
    }

    /** A flag: {@code true} or {@code false} (any case, spaces around ignored), or {@code fallback} when unset. */
    public static boolean flag(@Nullable String value, boolean fallback) {
        return isUnset(value) ? fallback : Boolean.parseBoolean(value.strip());
    }
}
