package dev.ism.function.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code ism.auth.*}, named after kube-apiserver's flags: {@code token-auth-file}
 * ({@code --token-auth-file}), {@code policy-file} ({@code --authorization-policy-file}, ABAC) and
 * the {@code oidc-*} settings ({@code --oidc-issuer-url}, {@code --oidc-client-id}, ...). Nothing
 * configured means nothing is allowed.
 */
@ConfigurationProperties("ism.auth")
public record AuthSettings(@Nullable String tokenAuthFile,
                           @Nullable String policyFile,
                           @Nullable String oidcIssuerUrl,
                           @Nullable String oidcClientId,
                           @Nullable String oidcUsernameClaim,
                           @Nullable String oidcUsernamePrefix,
                           @Nullable String oidcGroupsClaim,
                           @Nullable String oidcGroupsPrefix,
                           @Nullable String oidcJwksUri) {
}
