package dev.ism.function.auth;

import java.util.Optional;

/** Turns a bearer token into a user, as a kube-apiserver token authenticator. */
public interface Authenticator {

    /**
     * @param bearerToken the token, without the {@code Bearer } scheme; never logged
     * @return the user, or empty when the token is not this authenticator's or is invalid
     *         (implementations log why, without the token)
     */
    Optional<UserInfo> authenticate(String bearerToken);

    /** A short name for logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
