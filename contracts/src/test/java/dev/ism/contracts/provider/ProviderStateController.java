package dev.ism.contracts.provider;

import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
@Controller
@Requires(property = ProviderStateSettings.PROVIDER_STATES, value = "true")
public class ProviderStateController {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderStateController.class);

    private final ProviderStates states;

    public ProviderStateController(ProviderStates states) {
        this.states = states;
    }

    @Post(uri = ProviderStateSettings.STATE_PATH, consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Map<String, Object>> change(@Nullable @Body Map<String, Object> body) {
        Object state = body == null ? null : body.get("state");
        if (state == null) {
            return HttpResponse.badRequest(Map.of("error", "no 'state' in the body"));
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
            return HttpResponse.badRequest(Map.of("error", "unknown action '" + rawAction + "' (setup or teardown)"));
        }
        try {
            states.change(state.toString(), params, action);
            LOG.info("provider state {} '{}' {}", action, state, params);
            return HttpResponse.ok(Map.of());
        } catch (IllegalArgumentException e) {
            LOG.warn("provider state {} '{}' {} refused: {}", action, state, params, e.getMessage());
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("provider state {} '{}' {} failed", action, state, params, e);
            return HttpResponse.serverError(Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
