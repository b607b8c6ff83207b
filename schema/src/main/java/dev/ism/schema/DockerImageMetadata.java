package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code image.dockerImageMetadata} decoded as the server decodes it: the {@code DockerImage} object of
 * {@code image.openshift.io/1.0} (openshift/api {@code image/docker10/types_docker.go}). {@code apiVersion}
 * empty, {@code 1.0}, {@code pre012} or {@code image.openshift.io/1.0}; {@code kind} empty or
 * {@code DockerImage}; every known field of its Go type ({@code null} is always fine). Keys are matched
 * exactly (kube's decoder is case-sensitive); other keys are left as they are.
 */
final class DockerImageMetadata {

    static final String KIND = "DockerImage";
    static final Set<String> VERSIONS = Set.of("", "1.0", "pre012", "image.openshift.io/1.0");

    /** The Go types of the DockerImage fields that a JSON value must fit. */
    private enum GoType {
        STRING("string"), INT64("int64"), BOOL("bool"), TIME("v1.Time"), STRINGS("[]string"),
        STRING_MAP("map[string]string"), SET("map[string]struct {}"), CONFIG("DockerConfig");

        final String name;

        GoType(String name) {
            this.name = name;
        }
    }

    private static final Map<String, GoType> IMAGE = Map.ofEntries(
            Map.entry("kind", GoType.STRING), Map.entry("apiVersion", GoType.STRING), Map.entry("Id", GoType.STRING),
            Map.entry("Parent", GoType.STRING), Map.entry("Comment", GoType.STRING), Map.entry("Created", GoType.TIME),
            Map.entry("Container", GoType.STRING), Map.entry("ContainerConfig", GoType.CONFIG),
            Map.entry("DockerVersion", GoType.STRING), Map.entry("Author", GoType.STRING), Map.entry("Config", GoType.CONFIG),
            Map.entry("Architecture", GoType.STRING), Map.entry("Size", GoType.INT64));

    private static final Map<String, GoType> CONFIG = Map.ofEntries(
            Map.entry("Hostname", GoType.STRING), Map.entry("Domainname", GoType.STRING), Map.entry("User", GoType.STRING),
            Map.entry("Memory", GoType.INT64), Map.entry("MemorySwap", GoType.INT64), Map.entry("CpuShares", GoType.INT64),
            Map.entry("Cpuset", GoType.STRING), Map.entry("AttachStdin", GoType.BOOL), Map.entry("AttachStdout", GoType.BOOL),
            Map.entry("AttachStderr", GoType.BOOL), Map.entry("PortSpecs", GoType.STRINGS), Map.entry("ExposedPorts", GoType.SET),
            Map.entry("Tty", GoType.BOOL), Map.entry("OpenStdin", GoType.BOOL), Map.entry("StdinOnce", GoType.BOOL),
            Map.entry("Env", GoType.STRINGS), Map.entry("Cmd", GoType.STRINGS), Map.entry("Dns", GoType.STRINGS),
            Map.entry("Image", GoType.STRING), Map.entry("Volumes", GoType.SET), Map.entry("VolumesFrom", GoType.STRING),
            Map.entry("WorkingDir", GoType.STRING), Map.entry("Entrypoint", GoType.STRINGS),
            Map.entry("NetworkDisabled", GoType.BOOL), Map.entry("SecurityOpts", GoType.STRINGS),
            Map.entry("OnBuild", GoType.STRINGS), Map.entry("Labels", GoType.STRING_MAP));

    private DockerImageMetadata() {
    }

    /** Null when {@code metadata} decodes as a DockerImage, else the decode error in the Go decoder's words. */
    static String check(JsonNode metadata) {
        if (!metadata.isObject()) {
            return null; // not an object at all: the schema's type check words it
        }
        String fields = fields(metadata, IMAGE, KIND);
        if (fields != null) {
            return fields;
        }
        String version = metadata.path("apiVersion").asText("");
        String kind = metadata.path("kind").asText("");
        if (!VERSIONS.contains(version) || !kind.isEmpty() && !kind.equals(KIND)) {
            return "image.dockerImageMetadata: no kind " + FieldErrors.render(TextNode.valueOf(kind.isEmpty() ? KIND : kind))
                    + " is registered for version " + FieldErrors.render(TextNode.valueOf(version.isEmpty() ? "1.0" : version))
                    + " (a DockerImage of image.openshift.io/1.0 is expected)";
        }
        return null;
    }

    private static String fields(JsonNode object, Map<String, GoType> types, String struct) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            GoType type = types.get(e.getKey());
            JsonNode v = e.getValue();
            if (type == null || v.isNull()) {
                continue;
            }
            String field = struct + "." + e.getKey();
            String error = switch (type) {
                case STRING -> v.isTextual() ? null : mismatch(v, field, type);
                case BOOL -> v.isBoolean() ? null : mismatch(v, field, type);
                case INT64 -> v.isIntegralNumber() && v.canConvertToLong() ? null
                        : v.isNumber() ? "json: cannot unmarshal number " + FieldErrors.render(v) + " into Go struct field "
                        + field + " of type int64" : mismatch(v, field, type);
                case TIME -> !v.isTextual() ? mismatch(v, field, type) : GoTime.isRfc3339(v.textValue()) ? null
                        : "parsing time " + FieldErrors.render(v) + " as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 date-time";
                case STRINGS -> elements(v, field, type, JsonNode::isTextual);
                case STRING_MAP -> v.isObject() ? values(v, field, type, JsonNode::isTextual) : mismatch(v, field, type);
                case SET -> v.isObject() ? values(v, field, type, JsonNode::isObject) : mismatch(v, field, type);
                case CONFIG -> v.isObject() ? fields(v, CONFIG, field) : mismatch(v, field, type);
            };
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    private static String elements(JsonNode v, String field, GoType type, Predicate<JsonNode> ok) {
        if (!v.isArray()) {
            return mismatch(v, field, type);
        }
        for (JsonNode el : v) {
            if (!el.isNull() && !ok.test(el)) {
                return mismatch(el, field, type);
            }
        }
        return null;
    }

    private static String values(JsonNode v, String field, GoType type, Predicate<JsonNode> ok) {
        for (JsonNode el : v) {
            if (!el.isNull() && !ok.test(el)) {
                return mismatch(el, field, type);
            }
        }
        return null;
    }

    private static String mismatch(JsonNode value, String field, GoType type) {
        return "json: cannot unmarshal " + DecodeErrors.jsonType(value) + " into Go struct field " + field + " of type " + type.name;
    }
}
