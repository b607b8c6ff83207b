package dev.ism.bench;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Wraps the context's {@link DynamoDbClient} so that the time the calling thread spends inside DynamoDB calls
 * (the SDK's work and DynamoDB Local's, each call from entry to return) is known: a request's time less
 * {@link #nanos()} is the function's own. Registered as a singleton on the benchmark's context, nothing else.
 *
 * <p>With {@link #replayReads} on, a {@code GetItem} asked before is answered with the response DynamoDB gave
 * then, without a call: for requests that write nothing (a dry run), so that the function's own code runs as
 * often as in a warm Lambda under traffic (a dry run through DynamoDB Local takes milliseconds, so in the
 * seconds of a benchmark its once-per-request code would run only a few thousand times, too few for the JIT's
 * last tier: the floor's path runs a million times in the same seconds). The time of those answers is still
 * counted as DynamoDB's. Each is a deep copy of the first, as a new response would be.
 */
final class TimedDynamoDb implements BeanCreatedEventListener<DynamoDbClient> {

    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[3]);
    private static final int MAX_ANSWERS = 64;
    private static final Map<List<Object>, GetItemResponse> ANSWERED = new ConcurrentHashMap<>();
    private static volatile boolean replay;

    /** From now on, a {@code GetItem} asked before gets DynamoDB's answer of then, without a call. */
    static void replayReads(boolean on) {
        replay = on;
    }

    /** Nanoseconds this thread has spent inside DynamoDB calls so far. */
    static long nanos() {
        return SPENT.get()[0];
    }

    /** DynamoDB calls this thread has made so far. */
    static long calls() {
        return SPENT.get()[1];
    }

    /** DynamoDB calls this thread has made so far that went to DynamoDB (not replayed). */
    static long sent() {
        return SPENT.get()[2];
    }

    @Override
    public DynamoDbClient onCreated(BeanCreatedEvent<DynamoDbClient> event) {
        DynamoDbClient client = event.getBean();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class || method.getName().equals("close")
                            || method.getName().equals("serviceName") || method.getName().equals("serviceClientConfiguration")) {
                        return invoke(client, method, args);
                    }
                    long[] spent = SPENT.get();
                    long start = System.nanoTime();
                    try {
                        if (method.getName().equals("getItem") && args.length == 1) {
                            return getItem(client, args[0], spent);
                        }
                        spent[2]++;
                        return invoke(client, method, args);
                    } finally {
                        spent[0] += System.nanoTime() - start;
                        spent[1]++;
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static GetItemResponse getItem(DynamoDbClient client, Object arg, long[] spent) {
        GetItemRequest request;
        if (arg instanceof GetItemRequest r) {
            request = r;
        } else {
            GetItemRequest.Builder b = GetItemRequest.builder();
            ((Consumer<GetItemRequest.Builder>) arg).accept(b);
            request = b.build();
        }
        List<Object> asked = List.of(request.tableName(), request.key(), String.valueOf(request.projectionExpression()),
                String.valueOf(request.expressionAttributeNames()), String.valueOf(request.consistentRead()));
        GetItemResponse answer = replay ? ANSWERED.get(asked) : null;
        if (answer != null) {
            // a copy, as a new response would be: nothing of the function's may take an answer for the same by identity
            return answer.hasItem() ? answer.toBuilder().item(copy(answer.item())).build() : answer;
        }
        spent[2]++;
        answer = client.getItem(request);
        if (ANSWERED.size() < MAX_ANSWERS || ANSWERED.containsKey(asked)) { // bounded, whatever a benchmark reads
            ANSWERED.put(asked, answer);
        }
        return answer;
    }

    private static Map<String, AttributeValue> copy(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(new String(k), copy(v)));
        return out;
    }

    private static AttributeValue copy(AttributeValue v) {
        return switch (v.type()) {
            case S -> AttributeValue.fromS(new String(v.s()));
            case N -> AttributeValue.fromN(new String(v.n()));
            case B -> AttributeValue.fromB(SdkBytes.fromByteArray(v.b().asByteArray()));
            case M -> AttributeValue.fromM(copy(v.m()));
            case L -> AttributeValue.fromL(v.l().stream().map(TimedDynamoDb::copy).toList());
            default -> v.toBuilder().build();
        };
    }

    private static Object invoke(DynamoDbClient client, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
