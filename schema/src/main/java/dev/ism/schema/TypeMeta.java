package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code kind} and {@code apiVersion} of a decoded body, as the API server's decoder checks them against the
 * endpoint's: absent means the endpoint's (and is filled in), anything else is a 400 in kube's words.
 */
public final class TypeMeta {

    private TypeMeta() {
    }

    /** The 400's message, or null when they are right (then both are set on {@code object}). */
    public static String check(ObjectNode object, String kind, String apiVersion) {
        for (String field : new String[] {"kind", "apiVersion"}) {
            JsonNode value = object.path(field);
            if (!value.isMissingNode() && !value.isTextual()) {
                return DecodeErrors.typeMetaNotString(field, value);
            }
        }
        String v = object.path("apiVersion").asText("");
        if (!v.isEmpty() && !v.equals(apiVersion)) {
            return "the API version in the data (" + v + ") does not match the expected API version (" + apiVersion + ")";
        }
        String k = object.path("kind").asText("");
        if (!k.isEmpty() && !k.equals(kind)) {
            return "the kind in the data (" + k + ") does not match the expected kind (" + kind + ")";
        }
        object.put("kind", kind);
        object.put("apiVersion", apiVersion);
        return null;
    }
}
