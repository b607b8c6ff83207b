package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.schema.Decoding;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.FieldValidation;

/**
 * What one resource adds to a create (apiserver's {@code RESTCreateStrategy}): how its body decodes, what the
 * server sets before validation, and its validation. {@link CreatePipeline} runs them in order.
 */
interface CreateStrategy {

    /** The kind a 422 names. */
    String kind();

    /** The body as an object of this kind, or the 400 to answer. */
    Decoding decode(byte[] body, FieldValidation mode);

    /** Fields the server sets or clears (after the namespace is filled and the system fields are wiped). */
    void prepareForCreate(ObjectNode object);

    /** Every reason the object cannot be created, added to {@code errs} (nothing added: it can be). */
    void validate(Decoding.Decoded decoded, FieldErrors errs);
}
