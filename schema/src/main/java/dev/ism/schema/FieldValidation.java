package dev.ism.schema;

import java.util.List;
import java.util.Optional;

/**
 * The {@code fieldValidation} query parameter of a create: what the decoder does about unknown fields
 * and duplicate keys. {@link #WARN} is the default, as the API server's.
 */
public enum FieldValidation {
    /** Drop them silently. */
    IGNORE("Ignore"),
    /** Accept the body; each problem becomes a warning (a {@code Warning: 299} response header). */
    WARN("Warn"),
    /** Refuse the body with a 400 listing the problems. */
    STRICT("Strict");

    /** The values a client may send, sorted as the API server lists them. */
    public static final List<String> VALUES = List.of("Ignore", "Strict", "Warn");

    private final String value;

    FieldValidation(String value) {
        this.value = value;
    }

    /** The value as sent on the query. */
    public String value() {
        return value;
    }

    /** The mode for a query value (absent or empty: {@link #WARN}); empty when the value is not one of {@link #VALUES}. */
    public static Optional<FieldValidation> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(WARN);
        }
        for (FieldValidation v : values()) {
            if (v.value.equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
