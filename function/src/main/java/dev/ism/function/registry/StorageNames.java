package dev.ism.function.registry;

import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.schema.FieldErrors;

/**
 * Names the storage cannot hold, found before any DynamoDB call: on a create they are the client's
 * {@code 422} ({@code FieldValueTooLong} naming the field and the limit in bytes); on a read no object can
 * exist under them ({@code 404}).
 */
final class StorageNames {

    private StorageNames() {
    }

    /** Adds a {@code FieldValueTooLong} cause to {@code errs} when {@code value} is over {@code maxBytes}. */
    static void check(FieldErrors errs, String field, String value, int maxBytes) {
        if (value != null && !KeyLimits.fits(value, maxBytes)) {
            errs.tooLong(field, maxBytes);
        }
    }
}
