package dev.ism.function.lambda;

import dev.ism.function.store.DynamoClients;
import dev.ism.schema.ImageStreamMappingValidator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A cold start's class loading, in parallel: while the application context starts on the thread Lambda constructs
 * the handler on, two daemon threads load and initialize what the context and the first request need next, each by
 * building a throwaway of its own and dropping it:
 * <ul>
 *   <li>a DynamoDB client (about 1,000 AWS SDK classes, the endpoint rules, the region metadata), then a
 *   {@code GetItem} and a {@code TransactWriteItems} through it to a closed local port, each refused at once after
 *   it was marshalled and signed (the JSON protocol, the signer, the HTTP client);</li>
 *   <li>the JSON schema validator (Jackson, networknt, the compiled schema).</li>
 * </ul>
 * The context then builds its own client and validator, and the first request makes its calls, with those classes
 * loaded. Nothing is shared: a preload that fails costs nothing but its time (its error is dropped), and the
 * context builds everything itself either way. Measured in bench/README.md.
 */
final class StartupPreload {

    private static final String TABLE = "ism-preload";
    /** A local port nothing listens on (discard): the connection is refused at once. */
    private static final URI CLOSED_PORT = URI.create("http://127.0.0.1:9");

    private StartupPreload() {
    }

    /**
     * Starts the preloading threads and returns them (they end by themselves), when the JVM has more than one
     * processor to run them on; else none. On one CPU the threads would only take turns with the context: measured
     * (ungated, pinned to one CPU), 2.2 to 2.4 s against 2.1 to 2.3 s without them; on two, 1.5 to 1.8 s against
     * 1.9 to 2.3 s.
     */
    static List<Thread> start() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return List.of();
        }
        return List.of(thread("ism-preload-dynamodb", StartupPreload::dynamoDb),
                thread("ism-preload-schema", () -> ImageStreamMappingValidator.withInternalRegistry(null)));
    }

    /** The DynamoDB preload; throws the refused connection's exception, as it does every time (a test checks it). */
    static void dynamoDb() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("preload"));
        try (DynamoDbClient client = DynamoClients.builder(CLOSED_PORT, "us-east-1")
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            try {
                client.getItem(b -> b.tableName(TABLE).key(key));
            } catch (SdkException refused) {
                // expected: the next call's classes are what is left to load
            }
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(key).conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key).updateExpression("SET v = :v")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))).build()));
        }
    }

    private static Thread thread(String name, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError expected) {
                // a refused connection, or anything else: the context builds its own either way
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
