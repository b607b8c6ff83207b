package dev.ism.function.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * DynamoDB Local, in-process, for local runs and tests ({@code ism.dynamodb.embedded=true}). The
 * Lambda package has no DynamoDB Local: this factory is skipped there without loading its classes.
 */
@Factory
@Requires(property = "ism.dynamodb.embedded", value = "true")
@Requires(classes = software.amazon.dynamodb.services.local.main.ServerRunner.class)
public class EmbeddedDynamoFactory {

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedDynamoDb embeddedDynamoDb(DynamoSettings settings) {
        String path = settings.embeddedDbPath();
        return path == null || path.isBlank() ? EmbeddedDynamoDb.start() : EmbeddedDynamoDb.start(Path.of(path));
    }

    @Singleton
    StoreFactory.LocalEndpoint localEndpoint(EmbeddedDynamoDb db) {
        return new StoreFactory.LocalEndpoint(db.endpoint());
    }
}
