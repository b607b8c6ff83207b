package dev.ism.function.model;

import java.util.Objects;

/**
 * A tag's newest event, its sequence number in the tag's history (1 for the first event), and the version of
 * this head: set by the storage on every write of the head, compared by the next write (the optimistic lock of a
 * tag, as resourceVersion is of an object).
 */
public record TagHead(long seq, TagEvent event, String version) {

    public TagHead {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(version, "version");
    }
}
