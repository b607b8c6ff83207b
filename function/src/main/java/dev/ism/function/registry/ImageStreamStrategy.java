package dev.ism.function.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.schema.Decoding;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.FieldValidation;
import dev.ism.schema.ImageApi;
import dev.ism.schema.ImageStreamDecoder;
import dev.ism.schema.ObjectMetaRules;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * {@code imagestreams}: the server sets uid, creationTimestamp and generation 1, and drops what a client cannot
 * set (resourceVersion, managedFields, status); the object meta is validated with the names the storage can hold.
 */
@Singleton
class ImageStreamStrategy implements CreateStrategy {

    private final Clock clock;

    ImageStreamStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return ImageApi.KIND_IMAGE_STREAM;
    }

    @Override
    public Decoding decode(byte[] body, FieldValidation mode) {
        return ImageStreamDecoder.decode(body);
    }

    @Override
    public void prepareForCreate(ObjectNode stream) {
        ObjectNode meta = stream.with("metadata");
        meta.remove(List.of("resourceVersion", "managedFields"));
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Timestamps.now(clock));
        meta.put("generation", 1);
        stream.remove("status");
        if (!stream.has("spec")) {
            stream.putObject("spec");
        }
    }

    @Override
    public void validate(Decoding.Decoded decoded, FieldErrors errs) {
        ObjectNode stream = decoded.object();
        ObjectMetaRules.validate(stream.path("metadata"), true, "metadata", errs);
        StorageNames.check(errs, "metadata.namespace", stream.path("metadata").path("namespace").asText(), KeyLimits.NAMESPACE_BYTES);
        StorageNames.check(errs, "metadata.name", stream.path("metadata").path("name").asText(""), KeyLimits.STREAM_NAME_BYTES);
        JsonNode specTags = stream.path("spec").path("tags");
        for (int i = 0; i < specTags.size(); i++) {
            StorageNames.check(errs, "spec.tags[" + i + "].name", specTags.get(i).path("name").asText(""), KeyLimits.TAG_BYTES);
        }
    }
}
