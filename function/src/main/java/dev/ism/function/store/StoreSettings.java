package dev.ism.function.store;

import java.net.URI;
import java.util.Objects;

/**
 * Where the store lives.
 *
 * @param tableName the DynamoDB table
 * @param endpoint  the DynamoDB endpoint; {@code null} means the AWS default for the region
 * @param region    the AWS region; {@code null} means the SDK's default chain ({@code AWS_REGION} on Lambda)
 */
public record StoreSettings(String tableName, URI endpoint, String region) {

    public StoreSettings {
        Objects.requireNonNull(tableName, "tableName");
        if (tableName.isBlank()) {
            throw new IllegalArgumentException("tableName must not be blank");
        }
    }
}
