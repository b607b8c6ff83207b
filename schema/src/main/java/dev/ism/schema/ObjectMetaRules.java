package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ValidateObjectMeta} of k8s.io/apimachinery, with OpenShift's path-segment name rule: name
 * and generateName, namespace, generation, labels, annotations, in that order.
 */
public final class ObjectMetaRules {

    static final long TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private ObjectMetaRules() {
    }

    /**
     * @param meta              the {@code metadata} object, or a missing node
     * @param requiresNamespace true for namespaced kinds (the mapping), false for cluster-scoped (the image)
     * @param path              the field path of {@code meta}, e.g. {@code image.metadata}
     */
    public static void validate(JsonNode meta, boolean requiresNamespace, String path, FieldErrors errs) {
        String generateName = meta.path("generateName").asText("");
        if (!generateName.isEmpty()) {
            for (String msg : NameRules.pathSegmentName(generateName, true)) {
                errs.invalid(path + ".generateName", generateName, msg);
            }
        }
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            errs.required(path + ".name", "name or generateName is required");
        } else {
            for (String msg : NameRules.pathSegmentName(name, false)) {
                errs.invalid(path + ".name", name, msg);
            }
        }
        String namespace = meta.path("namespace").asText("");
        if (requiresNamespace) {
            if (namespace.isEmpty()) {
                errs.required(path + ".namespace", "");
            } else {
                for (String msg : NameRules.dns1123Label(namespace)) {
                    errs.invalid(path + ".namespace", namespace, msg);
                }
            }
        } else if (!namespace.isEmpty()) {
            errs.forbidden(path + ".namespace", "not allowed on this type");
        }
        JsonNode generation = meta.path("generation");
        if (generation.isIntegralNumber() && generation.asLong() < 0) {
            errs.invalid(path + ".generation", generation, "must be greater than or equal to 0");
        }
        labels(meta.path("labels"), path + ".labels", errs);
        annotations(meta.path("annotations"), path + ".annotations", errs);
    }

    /** Keys and values, every error on the map itself ({@code metadata.labels}), as apimachinery's ValidateLabels. */
    private static void labels(JsonNode labels, String path, FieldErrors errs) {
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String msg : NameRules.qualifiedName(e.getKey())) {
                errs.invalid(path, e.getKey(), msg);
            }
            String value = e.getValue().asText("");
            for (String msg : NameRules.labelValue(value)) {
                errs.invalid(path, value, msg);
            }
        }
    }

    private static void annotations(JsonNode annotations, String path, FieldErrors errs) {
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // The rule is QualifiedName except that case does not matter.
            for (String msg : NameRules.qualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
                errs.invalid(path, e.getKey(), msg);
            }
            total += Utf8.length(e.getKey()) + Utf8.length(e.getValue().asText(""));
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errs.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT);
        }
    }

}
