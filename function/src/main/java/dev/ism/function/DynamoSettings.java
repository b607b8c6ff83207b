package dev.ism.function;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code ism.dynamodb.*}: the table, and where DynamoDB is. On Lambda the table name comes from
 * {@code ISM_TABLE_NAME} and the endpoint is AWS's; locally and in tests {@code embedded} starts
 * DynamoDB Local in-process ({@code embedded-db-path} set: its data survives a restart) and
 * {@code create-table} creates the table at start-up.
 */
@ConfigurationProperties("ism.dynamodb")
public record DynamoSettings(String tableName,
                             @Nullable String endpoint,
                             @Nullable String region,
                             @Bindable(defaultValue = "false") boolean embedded,
                             @Nullable String embeddedDbPath,
                             @Bindable(defaultValue = "false") boolean createTable) {
}
