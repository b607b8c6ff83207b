package dev.ism.function.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code ism.dynamodb.*}: the table, and where DynamoDB is. On Lambda the table name comes from
 * {@code ISM_TABLE_NAME} and the endpoint is AWS's; locally and in tests {@code embedded} starts
 * DynamoDB Local in-process ({@code embedded-db-path} set: its data survives a restart) and
 * {@code create-table} creates the table at start-up. The timeouts bound every wait for DynamoDB
 * ({@link StoreTimeouts}).
 */
@ConfigurationProperties("ism.dynamodb")
public record DynamoSettings(String tableName,
                             @Nullable String endpoint,
                             @Nullable String region,
                             @Bindable(defaultValue = "false") boolean embedded,
                             @Nullable String embeddedDbPath,
                             @Bindable(defaultValue = "false") boolean createTable,
                             @Bindable(defaultValue = "1s") Duration connectTimeout,
                             @Bindable(defaultValue = "4s") Duration socketTimeout,
                             @Bindable(defaultValue = "8s") Duration callTimeout,
                             @Bindable(defaultValue = "24s") Duration requestTimeout) {

    /** The store's timeouts ({@code connect-timeout}, {@code socket-timeout}, {@code call-timeout}, {@code request-timeout}). */
    public StoreTimeouts timeouts() {
        return new StoreTimeouts(connectTimeout, socketTimeout, callTimeout, requestTimeout);
    }
}
