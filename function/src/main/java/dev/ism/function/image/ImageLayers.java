package dev.ism.function.image;

import dev.ism.schema.ImageApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;

/**
 * The Image's {@code dockerImageLayers}: put base first ({@code ReorderImageLayers}), taken from the
 * manifest when the request gives none, and summed for the metadata's size. The annotation
 * {@code image.openshift.io/dockerLayersOrder} says which order the given layers are in; the server
 * sets it to {@code ascending} once they are.
 */
final class ImageLayers {

    static final String ANNOTATION_ORDER = ImageApi.ANNOTATION_LAYERS_ORDER;
    static final String ASCENDING = "ascending";
    static final String DESCENDING = "descending";

    private ImageLayers() {
    }

    /**
     * Puts non-empty given layers in ascending order. Without the annotation the manifest media type
     * decides: schema 1 lists them ascending, schema 2 and OCI images descending (reversed here); with
     * another media type, or none, the layers and annotation are left alone.
     */
    static void orderAscending(ObjectNode image) {
        if (!(image.get("dockerImageLayers") instanceof ArrayNode layers) || layers.isEmpty()) {
            return;
        }
        String order = ImageJson.annotation(image, ANNOTATION_ORDER);
        if (order == null) {
            switch (ImageJson.text(image, "dockerImageManifestMediaType")) {
                case Manifest.DOCKER_SCHEMA1, Manifest.DOCKER_SCHEMA1_SIGNED -> order = ASCENDING;
                case Manifest.DOCKER_SCHEMA2, Manifest.OCI_MANIFEST -> order = DESCENDING;
                default -> {
                    return;
                }
            }
        }
        if (DESCENDING.equals(order)) {
            ArrayNode reversed = JsonNodeFactory.instance.arrayNode(layers.size());
            for (int i = layers.size() - 1; i >= 0; i--) {
                reversed.add(layers.get(i));
            }
            image.set("dockerImageLayers", reversed);
        }
        ImageJson.setAnnotation(image, ANNOTATION_ORDER, ASCENDING);
    }

    /** Whether the image has at least one layer. */
    static boolean present(ObjectNode image) {
        return image.get("dockerImageLayers") instanceof ArrayNode layers && !layers.isEmpty();
    }

    /** Sets the manifest's layers, in manifest order (base first), as the image's. */
    static void setFromManifest(ObjectNode image, Manifest manifest) {
        ArrayNode layers = image.putArray("dockerImageLayers");
        for (Descriptor d : manifest.layers()) {
            ObjectNode layer = layers.addObject();
            layer.put("name", d.digest());
            layer.set("size", ImageJson.number(d.size()));
            layer.put("mediaType", d.mediaType());
        }
        ImageJson.setAnnotation(image, ANNOTATION_ORDER, ASCENDING);
    }

    /** The sizes of the image's layers, each digest counted once, the config blob not counted as a layer. */
    static long distinctSize(ObjectNode image, String configDigest) {
        if (!(image.get("dockerImageLayers") instanceof ArrayNode layers)) {
            return 0;
        }
        // an image has a few layers: compared in a list up to 16 (a digest's hash is computed anew for each request's
        // strings, 71 characters each), in a set beyond
        Collection<String> seen = layers.size() <= 16 ? new ArrayList<>(layers.size() + 1) : new HashSet<>();
        seen.add(configDigest);
        long total = 0;
        for (JsonNode layer : layers) {
            String name = layer.path("name").asText("");
            if (!seen.contains(name)) {
                seen.add(name);
                total += layer.path("size").asLong(0);
            }
        }
        return total;
    }
}
