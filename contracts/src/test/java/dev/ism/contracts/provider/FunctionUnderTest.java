package dev.ism.contracts.provider;

import dev.ism.function.support.Api;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The real function, started for provider verification with the function's own test harness
 * ({@link Api}: application environment "test", DynamoDB Local in-process, the Netty server and both
 * API Gateway Lambda handlers on one application context), its own table, and the provider states
 * switched on. One per test JVM, shared by every verification.
 */
public final class FunctionUnderTest {

    private static Api shared;

    private FunctionUnderTest() {
    }

    public static synchronized Api shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A function of its own (close it), with provider states and {@code extra} settings. */
    public static Api start(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("ism.dynamodb.table-name", ProviderStateSettings.TABLE);
        p.put(ProviderStateSettings.PROVIDER_STATES, "true");
        p.putAll(extra);
        return new Api(p);
    }

    public static ProviderStates states(Api api) {
        return api.context().getBean(ProviderStates.class);
    }

    public static URI stateChangeUrl(Api api) {
        return api.url().resolve(ProviderStateSettings.STATE_PATH);
    }
}
