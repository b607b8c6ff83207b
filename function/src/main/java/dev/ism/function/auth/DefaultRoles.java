package dev.ism.function.auth;

import java.util.List;
import java.util.Set;

/**
 * The non-resource rules of kube-apiserver's default (bootstrap) cluster roles that reach this
 * server: {@code system:discovery}, bound to {@code system:authenticated}, and
 * {@code system:public-info-viewer}, bound to {@code system:authenticated} and
 * {@code system:unauthenticated}. Both grant only {@code get}. A URL pattern matches exactly, or,
 * ending in {@code *}, every path starting with what comes before it (RBAC's {@code NonResourceURLs}).
 */
final class DefaultRoles {

    static final List<String> DISCOVERY = List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez",
            "/openapi", "/openapi/*", "/readyz", "/version", "/version/");
    static final List<String> PUBLIC_INFO = List.of("/healthz", "/livez", "/readyz", "/version", "/version/");

    private DefaultRoles() {
    }

    static boolean allow(Set<String> groups, String verb, String path) {
        if (!verb.equals("get")) {
            return false;
        }
        if ((groups.contains(UserInfo.AUTHENTICATED_GROUP) || groups.contains(Subject.UNAUTHENTICATED_GROUP))
                && matchesAny(PUBLIC_INFO, path)) {
            return true;
        }
        return groups.contains(UserInfo.AUTHENTICATED_GROUP) && matchesAny(DISCOVERY, path);
    }

    private static boolean matchesAny(List<String> patterns, String path) {
        for (String pattern : patterns) {
            if (pattern.equals(path) || pattern.endsWith("*")
                    && path.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
