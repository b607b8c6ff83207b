package dev.ism.function.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/** The DynamoDB client (url-connection HTTP client) and the store on it. */
@Factory
public class StoreFactory {

    /** An endpoint given by another bean: the embedded DynamoDB Local of a local run or a test. */
    public record LocalEndpoint(URI uri) {
    }

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(DynamoSettings settings, @Nullable LocalEndpoint local) {
        URI endpoint = local != null ? local.uri()
                : settings.endpoint() == null || settings.endpoint().isBlank() ? null : URI.create(settings.endpoint());
        String region = settings.region() == null || settings.region().isBlank() ? null : settings.region();
        return DynamoClients.create(new StoreSettings(settings.tableName(), endpoint, region), settings.timeouts());
    }

    @Context
    DynamoStore store(DynamoDbClient client, DynamoSettings settings) {
        DynamoStore store = new DynamoStore(client, settings.tableName(), settings.timeouts());
        if (settings.createTable()) {
            store.createTable();
        }
        return store;
    }
}
