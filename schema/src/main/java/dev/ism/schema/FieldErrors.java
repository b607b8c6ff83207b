package dev.ism.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ordered list of {@link Status.Cause}s worded as k8s.io/apimachinery {@code field.Error}s:
 * {@code Required value[: detail]}, {@code Invalid value: <json>: detail}, {@code Forbidden: detail},
 * {@code Too long: may not be more than N bytes}, {@code Unsupported value: <json>: supported values: ...}.
 */
public final class FieldErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Status.Cause> causes = new ArrayList<>();

    public void required(String field, String detail) {
        add("FieldValueRequired", detail.isEmpty() ? "Required value" : "Required value: " + detail, field);
    }

    public void invalid(String field, String value, String detail) {
        invalid(field, TextNode.valueOf(value), detail);
    }

    public void invalid(String field, JsonNode value, String detail) {
        add("FieldValueInvalid", "Invalid value: " + render(value) + ": " + detail, field);
    }

    public void forbidden(String field, String detail) {
        add("FieldValueForbidden", "Forbidden: " + detail, field);
    }

    public void tooLong(String field, long max) {
        add("FieldValueTooLong", "Too long: may not be more than " + max + " bytes", field);
    }

    public void notSupported(String field, JsonNode value, List<String> supported) {
        add("FieldValueNotSupported", "Unsupported value: " + render(value) + ": supported values: "
                + supported.stream().map(s -> render(TextNode.valueOf(s))).collect(Collectors.joining(", ")), field);
    }

    /** Adds a cause unless one with the same field and reason is already there. */
    public void add(String reason, String message, String field) {
        for (Status.Cause c : causes) {
            if (c.field().equals(field) && c.reason().equals(reason)) {
                return;
            }
        }
        causes.add(new Status.Cause(reason, message, field));
    }

    public boolean isEmpty() {
        return causes.isEmpty();
    }

    public List<Status.Cause> causes() {
        return List.copyOf(causes);
    }

    static String render(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
