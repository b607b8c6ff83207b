package dev.ism.contracts.provider;

import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import dev.ism.function.registry.ApiException;
import dev.ism.function.registry.CreateOptions;
import dev.ism.function.registry.ImageStreamRest;
import dev.ism.function.store.DynamoStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The provider states of the ImageStreamMapping API's pacts, for every verifier: Pact JVM calls the
 * {@link State @State} methods directly (this bean is registered as a state change handler), and the
 * Pact CLI's verifier reaches the same methods through {@link ProviderStateController}. The state
 * names are templates; the values come in the parameters.
 *
 * <p>Streams are created through the function's own {@link ImageStreamRest} (exactly what
 * {@code POST .../imagestreams} stores) and deleted from the table directly (the API has no delete).
 * A teardown of either stream state deletes the stream and its tag history, whatever the interaction
 * did to it (the creation interaction creates the "missing" stream). Images, cluster-scoped and
 * immutable, are left; {@link #reset()} empties everything.
 */
@Singleton
@Requires(property = ProviderStateSettings.PROVIDER_STATES, value = "true")
public class ProviderStates {

    public static final String STREAM_EXISTS = "image stream {name} exists in namespace {namespace}";
    public static final String STREAM_MISSING = "image stream {name} does not exist in namespace {namespace}";
    public static final String TOKEN_MAY_CREATE = "token {token} may create mappings in {namespace}";
    public static final String TOKEN_NO_RIGHTS = "token {token} has no rights";

    private final ImageStreamRest streams;
    private final DynamoStore store;
    private final DynamoDbClient dynamo;
    private final GrantedTokens tokens;

    public ProviderStates(ImageStreamRest streams, DynamoStore store, DynamoDbClient dynamo, GrantedTokens tokens) {
        this.streams = streams;
        this.store = store;
        this.dynamo = dynamo;
        this.tokens = tokens;
    }

    // ------------------------------------------------------------------------------------- streams

    @State(value = STREAM_EXISTS, action = StateChangeAction.SETUP)
    public void streamExists(Map<String, Object> params) {
        String ns = param(params, "namespace");
        String name = param(params, "name");
        deleteStream(ns, name);
        byte[] body = ("{\"kind\":\"ImageStream\",\"apiVersion\":\"image.openshift.io/v1\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"" + ns + "\"}}").getBytes(StandardCharsets.UTF_8);
        try {
            streams.create(ns, body, CreateOptions.parse(List.of(), List.of()));
        } catch (ApiException e) {
            throw new IllegalStateException("cannot create image stream " + ns + "/" + name + ": " + e.getMessage(), e);
        }
    }

    @State(value = STREAM_EXISTS, action = StateChangeAction.TEARDOWN)
    public void streamExistsTearDown(Map<String, Object> params) {
        deleteStream(param(params, "namespace"), param(params, "name"));
    }

    @State(value = STREAM_MISSING, action = StateChangeAction.SETUP)
    public void streamMissing(Map<String, Object> params) {
        deleteStream(param(params, "namespace"), param(params, "name"));
    }

    /** Deletes the stream the interaction may have created (the registry creates the missing stream). */
    @State(value = STREAM_MISSING, action = StateChangeAction.TEARDOWN)
    public void streamMissingTearDown(Map<String, Object> params) {
        deleteStream(param(params, "namespace"), param(params, "name"));
    }

    // -------------------------------------------------------------------------------------- tokens

    @State(value = TOKEN_MAY_CREATE, action = StateChangeAction.SETUP)
    public void tokenMayCreate(Map<String, Object> params) {
        tokens.grant(param(params, "token"), param(params, "namespace"));
    }

    @State(value = TOKEN_MAY_CREATE, action = StateChangeAction.TEARDOWN)
    public void tokenMayCreateTearDown(Map<String, Object> params) {
        tokens.revoke(param(params, "token"), param(params, "namespace"));
    }

    @State(value = TOKEN_NO_RIGHTS, action = StateChangeAction.SETUP)
    public void tokenHasNoRights(Map<String, Object> params) {
        tokens.withoutRights(param(params, "token"));
    }

    @State(value = TOKEN_NO_RIGHTS, action = StateChangeAction.TEARDOWN)
    public void tokenHasNoRightsTearDown(Map<String, Object> params) {
        tokens.remove(param(params, "token"));
    }

    // ----------------------------------------------------------------------------------- utilities

    /** No token, no stream, no image: the start of every interaction verified by Pact JVM. */
    public void reset() {
        tokens.clear();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(store.tableName()).consistentRead(true)).items()) {
            dynamo.deleteItem(b -> b.tableName(store.tableName()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        }
    }

    /** The state templates this class implements, sorted. */
    public static TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Method m : ProviderStates.class.getMethods()) {
            State s = m.getAnnotation(State.class);
            if (s != null) {
                names.addAll(List.of(s.value()));
            }
        }
        return names;
    }

    /**
     * Runs the state change method of {@code state} and {@code action}, as Pact JVM would: for the
     * state endpoint of non-JVM verifiers.
     *
     * @throws UnknownStateException when no method implements that state and action
     */
    public void change(String state, Map<String, Object> params, StateChangeAction action) {
        List<Method> methods = new ArrayList<>();
        for (Method m : ProviderStates.class.getMethods()) {
            State s = m.getAnnotation(State.class);
            if (s != null && s.action() == action && List.of(s.value()).contains(state)) {
                methods.add(m);
            }
        }
        if (methods.isEmpty()) {
            throw new UnknownStateException("no " + action + " for provider state '" + state + "'; known states: " + names());
        }
        for (Method m : methods) {
            try {
                m.invoke(this, params == null ? Map.of() : params);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A state name (or action) this provider does not know. */
    public static final class UnknownStateException extends IllegalArgumentException {
        UnknownStateException(String message) {
            super(message);
        }
    }

    private void deleteStream(String ns, String name) {
        String table = store.tableName();
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("ns/" + ns), "sk", AttributeValue.fromS("imagestreams/" + name))));
        String historyKey = "ns/" + ns + "/imagestreams/" + name;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", "pk"))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(historyKey)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : r.items()) {
                dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        // The key layout is the store's (store.KeyLayout); fail loudly should it ever change.
        if (store.get(ns, name).isPresent() || !store.history(ns, name).isEmpty()) {
            throw new IllegalStateException("image stream " + ns + "/" + name
                    + " is still stored after its deletion: has the store's key layout changed?");
        }
    }

    private static String param(Map<String, Object> params, String name) {
        Object v = params == null ? null : params.get(name);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("provider state parameter '" + name + "' is missing (parameters: " + params + ")");
        }
        return v.toString();
    }
}
