package dev.ism.function.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ImageStream as stored: its object without {@code status} (kind, apiVersion, metadata, spec), its
 * resourceVersion, and each tag's newest event ({@code status.tags[].items[0]}) with its place in the history.
 */
public record StoredStream(String namespace, String name, long resourceVersion, ObjectNode object,
                           Map<String, TagHead> heads) {

    public StoredStream {
        heads = Collections.unmodifiableMap(new TreeMap<>(heads));
    }

    /** The tag's newest event, or null when the tag has no history. */
    public TagEvent head(String tag) {
        TagHead head = heads.get(tag);
        return head == null ? null : head.event();
    }

    /** {@code metadata.generation}, 1 when absent. */
    public long generation() {
        return object.path("metadata").path("generation").asLong(1);
    }
}
