package dev.ism.function.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** An Image to create unless one of that name exists (Images are immutable: never overwritten). */
public record NewImage(String name, ObjectNode object) {

    public NewImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(object, "object");
    }
}
