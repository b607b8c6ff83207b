package dev.ism.contracts.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.auth.AbacPolicy;
import dev.ism.function.auth.Authenticator;
import dev.ism.function.auth.UserInfo;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens and rights of the provider states, changed while the function runs: an
 * {@link Authenticator} (token to user) and the ABAC policy the function's own {@code Authorizer}
 * evaluates (see {@link ProviderStateBeans}). A token {@code T} authenticates as user {@code pact:T}.
 *
 * <p>A grant "{@code T} may create mappings in {@code N}" is three ABAC rules for user {@code pact:T}:
 * {@code imagestreammappings} in {@code N}, {@code imagestreams} in {@code N} (ABAC has no per-verb
 * rules; this API serves only create, get and list on them), and read-only {@code images}
 * (cluster-scoped). A token without grants authenticates and may do nothing.
 */
@Singleton
@Requires(property = ProviderStateSettings.PROVIDER_STATES, value = "true")
public class GrantedTokens implements Authenticator {

    static final String USER_PREFIX = "pact:";
    private static final String GROUP = "image.openshift.io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Set<String>> grants = new LinkedHashMap<>();
    private volatile AbacPolicy policy = AbacPolicy.parse(List.of());

    /** {@code token} authenticates, with the rights it has (none if new). */
    public synchronized void add(String token) {
        grants.computeIfAbsent(requireToken(token), t -> new LinkedHashSet<>());
        rebuild();
    }

    /** {@code token} authenticates and may create mappings (and streams) in {@code namespace}. */
    public synchronized void grant(String token, String namespace) {
        grants.computeIfAbsent(requireToken(token), t -> new LinkedHashSet<>()).add(requireNamespace(namespace));
        rebuild();
    }

    /** Takes back one grant; the token is forgotten when it has no grant left. */
    public synchronized void revoke(String token, String namespace) {
        Set<String> namespaces = grants.get(token);
        if (namespaces != null) {
            namespaces.remove(namespace);
            if (namespaces.isEmpty()) {
                grants.remove(token);
            }
        }
        rebuild();
    }

    /** {@code token} authenticates and has no right anywhere. */
    public synchronized void withoutRights(String token) {
        grants.put(requireToken(token), new LinkedHashSet<>());
        rebuild();
    }

    /** Forgets {@code token} and its grants: it no longer authenticates. */
    public synchronized void remove(String token) {
        grants.remove(token);
        rebuild();
    }

    public synchronized void clear() {
        grants.clear();
        rebuild();
    }

    /** The current policy, read by the function's {@code Authorizer} at every decision. */
    public AbacPolicy policy() {
        return policy;
    }

    @Override
    public Optional<UserInfo> authenticate(String bearerToken) {
        synchronized (this) {
            return grants.containsKey(bearerToken)
                    ? Optional.of(new UserInfo(USER_PREFIX + bearerToken, "", List.of()))
                    : Optional.empty();
        }
    }

    @Override
    public String name() {
        return "provider-state tokens";
    }

    private void rebuild() {
        List<String> lines = new ArrayList<>();
        grants.forEach((token, namespaces) -> {
            String user = USER_PREFIX + token;
            for (String ns : namespaces) {
                lines.add(rule(user, ns, "imagestreammappings", false));
                lines.add(rule(user, ns, "imagestreams", false));
            }
            if (!namespaces.isEmpty()) {
                lines.add(rule(user, "", "images", true));
            }
        });
        policy = AbacPolicy.parse(lines, "provider states");
    }

    private static String rule(String user, String namespace, String resource, boolean readonly) {
        ObjectNode r = JSON.createObjectNode();
        r.put("apiVersion", AbacPolicy.API_VERSION);
        r.put("kind", AbacPolicy.KIND);
        ObjectNode spec = r.putObject("spec");
        spec.put("user", user);
        spec.put("namespace", namespace);
        spec.put("apiGroup", GROUP);
        spec.put("resource", resource);
        if (readonly) {
            spec.put("readonly", true);
        }
        return r.toString();
    }

    private static String requireToken(String token) {
        if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("a token must be one printable word, got " + (token == null ? "none" : "'" + token + "'"));
        }
        return token;
    }

    private static String requireNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("a namespace is required");
        }
        return namespace;
    }
}
