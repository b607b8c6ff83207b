package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Decodes an ImageStream create body, as far as the function serves ImageStreams: an object of kind
 * ImageStream ({@link TypeMeta}), {@code metadata} and {@code spec} objects, {@code spec.tags} an array,
 * {@code metadata.name} a string. Other fields are kept as they are.
 */
public final class ImageStreamDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIND = ImageApi.KIND_IMAGE_STREAM;

    private ImageStreamDecoder() {
    }

    public static Decoding decode(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            return new Outcome.Rejected(Status.badRequest("the object provided is unrecognized (must be of type " + KIND
                    + "): couldn't get version/kind; json parse error: the body is not a JSON object"));
        }
        ObjectNode stream = (ObjectNode) tree;
        String typeMeta = TypeMeta.check(stream, KIND, ImageApi.API_VERSION);
        if (typeMeta != null) {
            return new Outcome.Rejected(Status.badRequest(typeMeta));
        }
        JsonNode meta = stream.path("metadata");
        JsonNode spec = stream.path("spec");
        if (!meta.isMissingNode() && !meta.isObject() || !spec.isMissingNode() && !spec.isObject()
                || !spec.path("tags").isMissingNode() && !spec.path("tags").isArray()
                || !meta.path("name").isMissingNode() && !meta.path("name").isTextual()) {
            return new Outcome.Rejected(Status.badRequest(KIND + " in version \"v1\" cannot be handled as a "
                    + KIND + ": metadata and spec must be objects, spec.tags an array"));
        }
        return new Decoding.Decoded(stream);
    }
}
