package dev.ism.function.store;

import dev.ism.function.registry.storage.StoreUnavailableException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the store calls DynamoDB: each SDK call within its own timeout, or what is left of the request's
 * ({@link CallBudget}); none sent once the request's time is spent; failures translated by what may have been
 * written ({@link DynamoFaults}).
 */
final class DynamoCalls {

    private final DynamoDbClient client;
    private final String table;
    private final StoreTimeouts timeouts;

    DynamoCalls(DynamoDbClient client, String table, StoreTimeouts timeouts) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    String table() {
        return table;
    }

    <T> T withinRequest(Supplier<T> work) {
        return CallBudget.within(timeouts.request(), work);
    }

    /** A reading call: any failure to get an answer is {@link StoreUnavailableException}. */
    <T> T read(String what, Function<DynamoDbClient, T> op) {
        return call(what, false, op);
    }

    /** A writing call: its failures are told apart by what may have been written. */
    <T> T write(String what, Function<DynamoDbClient, T> op) {
        return call(what, true, op);
    }

    /** The item under {@code key} (null when there is none), read consistently. */
    Map<String, AttributeValue> getItem(String what, Map<String, AttributeValue> key, String projection) {
        Map<String, AttributeValue> item = read(what, c -> c.getItem(b -> {
            b.overrideConfiguration(timeout()).tableName(table).key(key).consistentRead(true);
            if (projection != null) {
                b.projectionExpression(projection);
            }
        }).item());
        return item == null || item.isEmpty() ? null : item;
    }

    /** Every page of {@code first}, each item to {@code sink}. */
    void queryAll(String what, QueryRequest first, Consumer<Map<String, AttributeValue>> sink) {
        read(what, c -> {
            QueryRequest q = first;
            while (true) {
                QueryResponse r = c.query(q.toBuilder().overrideConfiguration(timeout()).build());
                r.items().forEach(sink);
                if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                    return null;
                }
                q = q.toBuilder().exclusiveStartKey(r.lastEvaluatedKey()).build();
            }
        });
    }

    /** Each SDK call gets its own timeout, or what is left of the request's when that is less. */
    Consumer<AwsRequestOverrideConfiguration.Builder> timeout() {
        Duration left = CallBudget.remaining(timeouts.call());
        return o -> o.apiCallTimeout(left);
    }

    private <T> T call(String what, boolean write, Function<DynamoDbClient, T> op) {
        Duration left = CallBudget.remaining(timeouts.call());
        if (left.isNegative() || left.isZero()) {
            throw new StoreUnavailableException(what + ": the request's time for DynamoDB is spent; not sent", null);
        }
        try {
            return op.apply(client);
        } catch (SdkException e) {
            throw DynamoFaults.translate(what, write, e);
        }
    }
}
