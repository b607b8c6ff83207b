package dev.ism.function.auth;

import dev.ism.function.config.Unset;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Authentication and authorization, built at start-up (a malformed token or policy file stops the
 * function there, with the file, line and reason). Each authenticator is a bean only when its setting
 * is given: the token file of {@link AuthSettings}, OIDC when {@link OidcSettings} exists; with none,
 * every request is refused, and with no policy file every request is denied (both logged).
 */
@Factory
public class AuthFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFactory.class);

    @Singleton
    @Order(1)
    @Requires(property = AuthSettings.TOKEN_AUTH_FILE, pattern = Unset.SET)
    TokenFileAuthenticator tokenFile(AuthSettings settings) {
        TokenFileAuthenticator tokens = load(() -> TokenFileAuthenticator.load(Path.of(settings.tokenAuthFile())));
        LOG.info("authentication: static tokens from {}", settings.tokenAuthFile());
        return tokens;
    }

    @Singleton
    @Order(2)
    @Requires(beans = OidcSettings.class)
    OidcAuthenticator oidc(OidcSettings settings) {
        LOG.info("authentication: OIDC tokens of issuer {}", settings.oidcIssuerUrl());
        return new OidcAuthenticator(settings);
    }

    /** The authenticators above, tried in that order. */
    @Context
    Authentication authentication(List<Authenticator> authenticators) {
        if (authenticators.isEmpty()) {
            LOG.warn("authentication: no authenticator configured ({}, {}): every request is refused with 401",
                    AuthSettings.TOKEN_AUTH_FILE, OidcSettings.ISSUER_URL);
        }
        return new Authentication(authenticators);
    }

    @Singleton
    @Requires(property = AuthSettings.POLICY_FILE, pattern = Unset.SET)
    AbacPolicy policy(AuthSettings settings) {
        AbacPolicy policy = load(() -> AbacPolicy.load(Path.of(settings.policyFile())));
        LOG.info("authorization: ABAC policy {} ({} rules)", settings.policyFile(), policy.rules().size());
        return policy;
    }

    @Context
    Authorizer authorizer(@Nullable AbacPolicy policy) {
        if (policy == null) {
            LOG.warn("authorization: no policy file configured ({}): every request is denied", AuthSettings.POLICY_FILE);
            return Authorizer.denyAll();
        }
        return new Authorizer(policy);
    }

    private interface Loader<T> {
        T load() throws IOException;
    }

    private static <T> T load(Loader<T> loader) {
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an auth file: " + e.getMessage(), e);
        }
    }
}
