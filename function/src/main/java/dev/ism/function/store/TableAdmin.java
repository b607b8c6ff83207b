package dev.ism.function.store;

import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import java.time.Duration;

/**
 * The table, for local runs and tests only: on AWS the stack (template.yaml) creates it. Key {@code pk} (S,
 * partition) and {@code sk} (S, sort), no indexes, on-demand billing.
 */
public final class TableAdmin {

    private TableAdmin() {
    }

    /** Creates the table unless it exists, then waits until it is ACTIVE. */
    public static void createTable(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(KeyLayout.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(KeyLayout.SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(KeyLayout.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(KeyLayout.SK).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException alreadyThere) {
            // idempotent: created before (or being created): wait for it below
        }
        // The service's default waiter polls every 20 s; a new on-demand table is usually ACTIVE in seconds.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(o -> o
                        .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(1)))
                        .maxAttempts(300))
                .build()) {
            WaiterResponse<DescribeTableResponse> r = waiter.waitUntilTableExists(b -> b.tableName(table));
            r.matched().exception().ifPresent(e -> {
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            });
        }
    }
}
