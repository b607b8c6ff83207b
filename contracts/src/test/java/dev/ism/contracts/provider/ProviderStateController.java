package dev.ism.contracts.provider;

import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /_pact/provider-states}: the provider-state endpoint for verifiers outside the JVM (the
 * Pact CLI's {@code pact verifier --state-change-url ... --state-change-teardown}). Body, as the
 * verifier sends it: {@code {"state": "<template>", "params": {...}, "action": "setup"|"teardown"}}
 * ({@code action} absent means setup). Answers 200 {@code {}} when done, 400 for an unknown state or
 * a missing parameter, 500 when the state could not be set up.
 *
 * <p>Test code only, switched on by {@link ProviderStateSettings#PROVIDER_STATES}: it exists in the
 * function started by the contracts tests (or by {@link LocalProvider}), never in the Lambda package.
 */
@ServerFilter(ProviderStateSettings.STATE_PATH)
@Requires(property = ProviderStateSettings.PROVIDER_STATES, value = "true")
public class ProviderStateController implements Ordered {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = LoggerFactory.getLogger(ProviderStateController.class);

    private final ProviderStates states;

    public ProviderStateController(ProviderStates states) {
        this.states = states;
    }

    /**
     * A filter, not a route: the function's one route takes every path (server/ServerRoutes), and this answers the
     * state path before it runs. Other methods on the path go on to the function (which answers them as any
     * unknown path).
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<?> change(HttpRequest<?> request, @Nullable @Body String text) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        Map<String, Object> body;
        try {
            body = text == null || text.isBlank() ? null : JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            return json(HttpResponse.badRequest(), Map.of("error", "the body is not a JSON object"));
        }
        Object state = body == null ? null : body.get("state");
        if (state == null) {
            return json(HttpResponse.badRequest(), Map.of("error", "no 'state' in the body"));
        }
        Object rawParams = body.get("params");
        Map<String, Object> params = new LinkedHashMap<>();
        if (rawParams instanceof Map<?, ?> m) {
            m.forEach((k, v) -> params.put(String.valueOf(k), v));
        }
        Object rawAction = body.getOrDefault("action", "setup");
        StateChangeAction action;
        try {
            action = StateChangeAction.valueOf(String.valueOf(rawAction).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return json(HttpResponse.badRequest(), Map.of("error", "unknown action '" + rawAction + "' (setup or teardown)"));
        }
        try {
            states.change(state.toString(), params, action);
            LOG.info("provider state {} '{}' {}", action, state, params);
            return json(HttpResponse.ok(), Map.of());
        } catch (IllegalArgumentException e) {
            LOG.warn("provider state {} '{}' {} refused: {}", action, state, params, e.getMessage());
            return json(HttpResponse.badRequest(), Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("provider state {} '{}' {} failed", action, state, params, e);
            return json(HttpResponse.serverError(), Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static MutableHttpResponse<?> json(MutableHttpResponse<?> response, Map<String, Object> body) {
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
