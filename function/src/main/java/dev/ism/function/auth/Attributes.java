package dev.ism.function.auth;

import java.util.Objects;

/**
 * What a resource request wants to do, as Kubernetes' {@code authorizer.Attributes}. Null fields
 * become {@code ""}; an empty namespace means a cluster-scoped request, an empty apiGroup the core
 * group, an empty name a request without one (create, list).
 */
public record Attributes(String verb, String apiGroup, String resource, String namespace, String name) {

    public Attributes {
        Objects.requireNonNull(verb, "verb");
        if (verb.isEmpty()) {
            throw new IllegalArgumentException("verb must not be empty");
        }
        apiGroup = Objects.requireNonNullElse(apiGroup, "");
        resource = Objects.requireNonNullElse(resource, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        name = Objects.requireNonNullElse(name, "");
    }

    /** get, list and watch, as {@code authorizer.AttributesRecord.IsReadOnly}. */
    public boolean isReadOnly() {
        return isReadOnlyVerb(verb);
    }

    static boolean isReadOnlyVerb(String verb) {
        return verb.equals("get") || verb.equals("list") || verb.equals("watch");
    }
}
