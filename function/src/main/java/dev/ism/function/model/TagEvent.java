package dev.ism.function.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of an ImageStream tag's history ({@code status.tags[].items[]}), as the API serves it.
 * {@code created} is an RFC 3339 timestamp in UTC, seconds precision.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"created", "dockerImageReference", "image", "generation"})
public record TagEvent(String created, String dockerImageReference, String image, long generation) {

    public TagEvent withGeneration(long g) {
        return new TagEvent(created, dockerImageReference, image, g);
    }

    public TagEvent withImage(String i) {
        return new TagEvent(created, dockerImageReference, i, generation);
    }

    public TagEvent withReference(String r) {
        return new TagEvent(created, r, image, generation);
    }
}
