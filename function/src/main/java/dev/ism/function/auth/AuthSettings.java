package dev.ism.function.auth;

import dev.ism.function.config.Unset;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code ism.auth.*}, the files, named after kube-apiserver's flags: {@code token-auth-file}
 * ({@code --token-auth-file}, {@code ISM_TOKEN_AUTH_FILE}) and {@code policy-file}
 * ({@code --authorization-policy-file}, ABAC, {@code ISM_AUTHORIZATION_POLICY_FILE}). Unset
 * ({@link Unset}) is null: no static tokens, and a policy that denies everything. The OIDC settings
 * are {@link OidcSettings}.
 */
@ConfigurationProperties(AuthSettings.PREFIX)
public record AuthSettings(@Nullable String tokenAuthFile, @Nullable String policyFile) {

    public static final String PREFIX = "ism.auth";
    public static final String TOKEN_AUTH_FILE = PREFIX + ".token-auth-file";
    public static final String POLICY_FILE = PREFIX + ".policy-file";

    public AuthSettings {
        tokenAuthFile = Unset.orNull(tokenAuthFile);
        policyFile = Unset.orNull(policyFile);
    }
}
