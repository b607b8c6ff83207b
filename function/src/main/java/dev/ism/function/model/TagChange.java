package dev.ism.function.model;

import java.util.Objects;

/**
 * Put {@code event} at {@code seq} in {@code tag}'s history and make it the tag's head. {@code seq} equal to
 * the current head's rewrites {@code items[0]} in place; a higher seq prepends a new event.
 */
public record TagChange(String tag, long seq, TagEvent event) {

    public TagChange {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(event, "event");
    }
}
