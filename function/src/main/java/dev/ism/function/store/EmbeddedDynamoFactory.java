package dev.ism.function.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, in-process, and the client on it, for local runs and tests
 * ({@code ism.dynamodb.embedded=true}). The Lambda package has no DynamoDB Local: this factory is skipped
 * there without loading its classes. An endpoint given as well is refused, not silently ignored.
 */
@Factory
@Requires(property = DynamoSettings.EMBEDDED, value = "true")
@Requires(classes = software.amazon.dynamodb.services.local.main.ServerRunner.class)
public class EmbeddedDynamoFactory {

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedDynamoDb embeddedDynamoDb(DynamoSettings settings) {
        if (settings.endpoint() != null) {
            throw new IllegalStateException("DynamoDB is both embedded (ism.dynamodb.embedded, ISM_DYNAMODB_EMBEDDED) and at "
                    + settings.endpoint() + " (ism.dynamodb.endpoint, ISM_DYNAMODB_ENDPOINT): set ISM_DYNAMODB_EMBEDDED=false"
                    + " to use the endpoint");
        }
        return EmbeddedDynamoDb.start(settings.embeddedDbDirectory());
    }

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient embeddedDynamoDbClient(EmbeddedDynamoDb db, DynamoSettings settings) {
        return DynamoClients.builder(db.endpoint(), settings.region(), settings.timeouts()).build();
    }
}
