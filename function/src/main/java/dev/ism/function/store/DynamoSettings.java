package dev.ism.function.store;

import dev.ism.function.config.Unset;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code ism.dynamodb.*}: the table and where DynamoDB is; the only place the table name is read. Unset
 * values ({@link Unset}) take the defaults below.
 *
 * @param tableName      the table; unset: {@value #DEFAULT_TABLE_NAME}
 * @param endpoint       another endpoint; unset: AWS's for the region
 * @param region         unset: the SDK's default chain ({@code AWS_REGION} on Lambda)
 * @param embedded       DynamoDB Local in this JVM (local runs and tests; the Lambda package has no DynamoDB Local)
 * @param embeddedDbPath where DynamoDB Local keeps its data (it survives a restart); unset: in memory
 * @param createTable    {@code true}: create the table at start-up if missing; unset: only when embedded
 * @param connectTimeout how long the store waits for DynamoDB (all four: {@link StoreTimeouts}; unset: its defaults)
 */
@ConfigurationProperties("ism.dynamodb")
public record DynamoSettings(@Nullable String tableName,
                             @Nullable String endpoint,
                             @Nullable String region,
                             boolean embedded,
                             @Nullable String embeddedDbPath,
                             @Nullable String createTable,
                             @Nullable Duration connectTimeout,
                             @Nullable Duration socketTimeout,
                             @Nullable Duration callTimeout,
                             @Nullable Duration requestTimeout) {

    public static final String DEFAULT_TABLE_NAME = "imagestreammappings";
    public static final String EMBEDDED = "ism.dynamodb.embedded";

    public DynamoSettings {
        tableName = Unset.or(tableName, DEFAULT_TABLE_NAME).strip();
        endpoint = Unset.orNull(endpoint);
        region = Unset.orNull(region);
        embeddedDbPath = Unset.orNull(embeddedDbPath);
        createTable = Unset.orNull(createTable);
        connectTimeout = Objects.requireNonNullElse(connectTimeout, StoreTimeouts.DEFAULT.connect());
        socketTimeout = Objects.requireNonNullElse(socketTimeout, StoreTimeouts.DEFAULT.socket());
        callTimeout = Objects.requireNonNullElse(callTimeout, StoreTimeouts.DEFAULT.call());
        requestTimeout = Objects.requireNonNullElse(requestTimeout, StoreTimeouts.DEFAULT.request());
    }

    /** Whether the table is created at start-up: {@code create-table}, else only for an embedded DynamoDB Local. */
    public boolean createsTable() {
        return Unset.flag(createTable, embedded);
    }

    @Nullable
    public URI endpointUri() {
        return endpoint == null ? null : URI.create(endpoint);
    }

    @Nullable
    public Path embeddedDbDirectory() {
        return embeddedDbPath == null ? null : Path.of(embeddedDbPath);
    }

    /** The store's timeouts ({@code connect-timeout}, {@code socket-timeout}, {@code call-timeout}, {@code request-timeout}). */
    public StoreTimeouts timeouts() {
        return new StoreTimeouts(connectTimeout, socketTimeout, callTimeout, requestTimeout);
    }
}
