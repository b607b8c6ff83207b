package dev.ism.function.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store on its DynamoDB client (url-connection HTTP client): this factory's client for DynamoDB on AWS
 * or at {@code ism.dynamodb.endpoint}, or {@link EmbeddedDynamoFactory}'s for DynamoDB Local in this JVM.
 */
@Factory
public class StoreFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = DynamoSettings.EMBEDDED, notEquals = "true")
    DynamoDbClient dynamoDbClient(DynamoSettings settings) {
        return DynamoClients.builder(settings.endpointUri(), settings.region(), settings.timeouts()).build();
    }

    @Context
    DynamoStore store(DynamoDbClient client, DynamoSettings settings) {
        DynamoStore store = new DynamoStore(client, settings.tableName(), settings.timeouts());
        if (settings.createsTable()) {
            store.createTable();
        }
        return store;
    }
}
