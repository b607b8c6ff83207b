package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.schema.Decoding;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.FieldValidation;
import dev.ism.schema.ImageApi;
import dev.ism.schema.ImageStreamMappingValidator;
import jakarta.inject.Singleton;

/**
 * {@code imagestreammappings}: decoding, preparation and validation are the schema module's (BEHAVIOUR.md
 * sections 1, 6 to 10); names the storage cannot hold are a 422 of their own, once the rest is valid.
 */
@Singleton
class ImageStreamMappingStrategy implements CreateStrategy {

    private final ImageStreamMappingValidator validator;

    ImageStreamMappingStrategy(ImageStreamMappingValidator validator) {
        this.validator = validator;
    }

    @Override
    public String kind() {
        return ImageApi.KIND_IMAGE_STREAM_MAPPING;
    }

    @Override
    public Decoding decode(byte[] body, FieldValidation mode) {
        return validator.decode(body, mode);
    }

    @Override
    public void prepareForCreate(ObjectNode mapping) {
        validator.prepareForCreate(mapping);
    }

    @Override
    public void validate(Decoding.Decoded decoded, FieldErrors errs) {
        validator.validate(decoded, errs);
        if (!errs.isEmpty()) {
            return;
        }
        ObjectNode mapping = decoded.object();
        StorageNames.check(errs, "metadata.namespace", mapping.path("metadata").path("namespace").asText(), KeyLimits.NAMESPACE_BYTES);
        StorageNames.check(errs, "metadata.name", mapping.path("metadata").path("name").asText(), KeyLimits.STREAM_NAME_BYTES);
        StorageNames.check(errs, "tag", mapping.path("tag").asText(), KeyLimits.TAG_BYTES);
        StorageNames.check(errs, "image.metadata.name", mapping.path("image").path("metadata").path("name").asText(),
                KeyLimits.IMAGE_NAME_BYTES);
    }
}
