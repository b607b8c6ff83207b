package dev.ism.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The 400 messages of the API server's decoder, in the Go decoder's words. */
final class DecodeErrors {

    static final String KIND = ImageApi.KIND_IMAGE_STREAM_MAPPING;
    static final String CANNOT_HANDLE = KIND + " in version \"v1\" cannot be handled as a " + KIND + ": ";
    private static final String UNRECOGNIZED = "the object provided is unrecognized (must be of type " + KIND
            + "): couldn't get version/kind; json parse error: ";

    /** Characters of a field path kept in a message (a path holds map keys, which may be long). */
    static final int MAX_PATH_CHARS = 512;

    private DecodeErrors() {
    }

    /** A body that is no JSON at all, quoting its start as the API server does. */
    static String unparsable(String detail, byte[] body) {
        return UNRECOGNIZED + detail + " (" + excerpt(body) + ")";
    }

    static String unrecognized(String detail) {
        return UNRECOGNIZED + detail;
    }

    /** A JSON value that is not an object. */
    static String notAnObject(JsonNode body) {
        return unrecognized("json: cannot unmarshal " + jsonType(body) + " into Go value of type struct"
                + " { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }");
    }

    /** {@code kind} or {@code apiVersion} that is not a string. */
    static String typeMetaNotString(String field, JsonNode value) {
        return unrecognized("json: cannot unmarshal " + jsonType(value) + " into Go struct field ." + field + " of type string");
    }

    /** Unknown fields and duplicate keys, in strict mode. */
    static String strict(List<String> problems) {
        return CANNOT_HANDLE + "strict decoding error: " + String.join(", ", problems);
    }

    /** A format, enum or type finding of the schema on {@code value} at {@code fieldPath}. */
    static String finding(String keyword, JsonNode value, String path, SchemaCheck.FieldSchema field) {
        String fieldPath = Utf8.cut(path, MAX_PATH_CHARS);
        String goField = "Go struct field " + field.goStruct() + "." + withoutIndexes(fieldPath);
        switch (keyword) {
            case "format":
                String format = field.schema().path("format").asText();
                if (format.startsWith("int")) {
                    return CANNOT_HANDLE + "json: cannot unmarshal number " + FieldErrors.render(value) + " into " + goField
                            + " of type " + format;
                }
                if (format.equals("byte")) {
                    return CANNOT_HANDLE + "illegal base64 data in " + fieldPath;
                }
                return CANNOT_HANDLE + fieldPath + ": parsing time " + FieldErrors.render(value)
                        + " as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 date-time";
            case "enum":
                List<String> supported = new ArrayList<>();
                field.schema().path("enum").forEach(n -> {
                    if (!n.asText().isEmpty()) {
                        supported.add(n.asText());
                    }
                });
                FieldErrors errs = new FieldErrors();
                errs.notSupported(fieldPath, value, supported);
                return CANNOT_HANDLE + fieldPath + ": " + errs.causes().get(0).message();
            default:
                return CANNOT_HANDLE + "json: cannot unmarshal " + jsonType(value) + " into " + goField + " of type "
                        + schemaType(field.schema());
        }
    }

    /** The Go type a schema node decodes into. */
    static String schemaType(JsonNode s) {
        switch (s.path("type").asText("object")) {
            case "string":
                return "string";
            case "integer":
                return s.path("format").asText("int64");
            case "boolean":
                return "bool";
            case "array":
                return "[]" + schemaType(s.path("items"));
            default:
                return s.has("additionalProperties") ? "map[string]" + schemaType(s.get("additionalProperties")) : "struct";
        }
    }

    /** The JSON type of a value as Go's decoder names it. */
    static String jsonType(JsonNode value) {
        switch (value.getNodeType()) {
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "bool";
            case ARRAY:
                return "array";
            default:
                return "object";
        }
    }

    /** Jackson's complaint about a body, as Go's decoder would word it. */
    static String parseError(IOException e) {
        if (e instanceof StreamConstraintsException && String.valueOf(e.getMessage()).contains("nesting depth")) {
            return "exceeded max depth";
        }
        if (e instanceof JsonProcessingException jpe) {
            String m = jpe.getOriginalMessage();
            if (m != null && m.contains("end-of-input")) {
                return "unexpected end of JSON input";
            }
            return "invalid character at line " + (jpe.getLocation() == null ? 0 : jpe.getLocation().getLineNr())
                    + ", column " + (jpe.getLocation() == null ? 0 : jpe.getLocation().getColumnNr());
        }
        return "unreadable input";
    }

    /** The start of the body, as the API server quotes it: 30 characters, then " ..." when longer. */
    static String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 128), StandardCharsets.UTF_8);
        if (s.length() <= 30) {
            return s;
        }
        String head = Utf8.cut(s, 30);
        return head.substring(0, head.length() - 3) + " ...";
    }

    /** A field path without its list indexes and map keys: {@code image.dockerImageLayers.size}. */
    static String withoutIndexes(String path) {
        StringBuilder b = new StringBuilder(path.length());
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
