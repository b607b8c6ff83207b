package dev.ism.function.auth;

import java.util.Set;

/**
 * Who asks for a non-resource path: an authenticated user, or, without any credentials, kube's
 * anonymous user ({@code system:anonymous} in group {@code system:unauthenticated}). Only
 * non-resource requests are ever authorized as the anonymous user: every resource request needs
 * credentials (401).
 */
public record Subject(String name, Set<String> groups) {

    public static final String ANONYMOUS_USER = "system:anonymous";
    public static final String UNAUTHENTICATED_GROUP = "system:unauthenticated";
    public static final Subject ANONYMOUS = new Subject(ANONYMOUS_USER, Set.of(UNAUTHENTICATED_GROUP));

    public Subject {
        groups = Set.copyOf(groups);
    }

    public static Subject of(UserInfo user) {
        return new Subject(user.name(), Set.copyOf(user.groups()));
    }

    public boolean isAnonymous() {
        return this.equals(ANONYMOUS);
    }
}
