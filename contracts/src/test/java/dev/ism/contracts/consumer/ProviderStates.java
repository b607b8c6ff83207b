package dev.ism.contracts.consumer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider-state catalogue the consumer pacts use. The names are templates: the provider side
 * implements each name once and reads the values from the parameters. Parameter maps keep their
 * insertion order so that the written pact files are byte-identical from run to run.
 */
final class ProviderStates {

    static final String PROVIDER = "imagestreammapping-api";

    static final String NAMESPACE = "myproject";
    static final String REGISTRY_TOKEN = "registry-token";
    static final String INTEGRATOR_TOKEN = "integrator-token";
    static final String NOBODY_TOKEN = "nobody-token";

    /** params: name, namespace. The ImageStream exists (with no tags needed). */
    static final String STREAM_EXISTS = "image stream {name} exists in namespace {namespace}";
    /** params: name, namespace. No ImageStream of that name in the namespace. */
    static final String STREAM_MISSING = "image stream {name} does not exist in namespace {namespace}";
    /** params: token, namespace. The bearer token may create mappings and create/get imagestreams there. */
    static final String TOKEN_MAY_CREATE = "token {token} may create mappings in {namespace}";
    /** params: token. The bearer token authenticates, but is granted nothing anywhere. */
    static final String TOKEN_NO_RIGHTS = "token {token} has no rights";

    private ProviderStates() {
    }

    static Map<String, Object> stream(String name) {
        return ordered("name", name, "namespace", NAMESPACE);
    }

    static Map<String, Object> mayCreate(String token) {
        return ordered("token", token, "namespace", NAMESPACE);
    }

    static Map<String, Object> noRights(String token) {
        return ordered("token", token);
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
