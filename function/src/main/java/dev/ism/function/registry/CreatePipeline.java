package dev.ism.function.registry;

import dev.ism.schema.BeforeCreate;
import dev.ism.schema.Decoding;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.ImageApi;
import dev.ism.schema.Outcome;
import dev.ism.schema.Status;

/**
 * Every create's way from request bytes to an object ready to store, as the API server's {@code create.go} with
 * {@code rest.BeforeCreate}: decode (400), namespace filled or refused and system fields wiped
 * ({@link BeforeCreate}), the resource's {@link CreateStrategy#prepareForCreate}, its validation, and one
 * rendering of what is wrong (422). A refusal is an {@link ApiException} carrying the Status.
 */
final class CreatePipeline {

    private CreatePipeline() {
    }

    static Decoding.Decoded admit(CreateStrategy strategy, String namespace, byte[] body, CreateOptions options) {
        Decoding decoding = strategy.decode(body, options.fieldValidation());
        if (decoding instanceof Outcome.Rejected rejected) {
            throw new ApiException(rejected.status());
        }
        Decoding.Decoded decoded = (Decoding.Decoded) decoding;
        Status refused = BeforeCreate.apply(decoded.object(), namespace);
        if (refused != null) {
            throw new ApiException(refused);
        }
        strategy.prepareForCreate(decoded.object());
        FieldErrors errs = new FieldErrors();
        strategy.validate(decoded, errs);
        if (!errs.isEmpty()) {
            String name = decoded.object().path("metadata").path("name").asText("");
            throw new ApiException(Status.invalid(ImageApi.GROUP, strategy.kind(), name, errs.causes()));
        }
        return decoded;
    }
}
