package dev.ism.function.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Small reads and writes on the Image's JSON tree, which the completion edits in place: the Image
 * stays a tree (not a record) because every field the completion does not know is kept as given.
 */
final class ImageJson {

    private ImageJson() {
    }

    /** A string field, {@code ""} when missing or not a string. */
    static String text(ObjectNode object, String field) {
        JsonNode v = object.get(field);
        return v != null && v.isTextual() ? v.textValue() : "";
    }

    /** An annotation's value, null when missing or not a string. */
    static String annotation(ObjectNode image, String key) {
        JsonNode v = image.path("metadata").path("annotations").get(key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    static void setAnnotation(ObjectNode image, String key, String value) {
        ObjectNode metadata = image.get("metadata") instanceof ObjectNode m ? m : image.putObject("metadata");
        ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode a ? a : metadata.putObject("annotations");
        annotations.put(key, value);
    }

    /** An integer node as Jackson would parse it: int-sized values as IntNode, so trees compare equal. */
    static JsonNode number(long value) {
        return value == (int) value ? JsonNodeFactory.instance.numberNode((int) value) : JsonNodeFactory.instance.numberNode(value);
    }

    /** Removes null-valued object fields at every depth: the Go structs the server stores hold no JSON null. */
    static void removeNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> i = o.properties().iterator(); i.hasNext(); ) {
                JsonNode value = i.next().getValue();
                if (value.isNull()) {
                    i.remove(); // properties() is the node's own map
                } else {
                    removeNulls(value);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(ImageJson::removeNulls);
        }
    }
}
