package dev.ism.function.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Authentication and authorization from {@link AuthSettings}, built at start-up: a malformed token
 * or policy file stops the function there, with the file, line and reason.
 */
@Factory
public class AuthFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFactory.class);

    @Context
    Authentication authentication(AuthSettings settings) {
        List<Authenticator> authenticators = new ArrayList<>();
        if (isSet(settings.tokenAuthFile())) {
            authenticators.add(load(() -> TokenFileAuthenticator.load(Path.of(settings.tokenAuthFile()))));
            LOG.info("authentication: static tokens from {}", settings.tokenAuthFile());
        }
        if (isSet(settings.oidcIssuerUrl())) {
            authenticators.add(new OidcAuthenticator(new OidcSettings(settings.oidcIssuerUrl(), settings.oidcClientId(),
                    settings.oidcUsernameClaim(), settings.oidcUsernamePrefix(), settings.oidcGroupsClaim(),
                    settings.oidcGroupsPrefix(), isSet(settings.oidcJwksUri()) ? URI.create(settings.oidcJwksUri()) : null,
                    null)));
            LOG.info("authentication: OIDC tokens of issuer {}", settings.oidcIssuerUrl());
        }
        if (authenticators.isEmpty()) {
            LOG.warn("authentication: no authenticator configured (ism.auth.token-auth-file, ism.auth.oidc-issuer-url):"
                    + " every request is refused with 401");
        }
        return new Authentication(authenticators);
    }

    @Context
    Authorizer authorizer(AuthSettings settings) {
        if (!isSet(settings.policyFile())) {
            LOG.warn("authorization: no policy file configured (ism.auth.policy-file): every request is denied");
            return Authorizer.denyAll();
        }
        AbacPolicy policy = load(() -> AbacPolicy.load(Path.of(settings.policyFile())));
        LOG.info("authorization: ABAC policy {} ({} rules)", settings.policyFile(), policy.rules().size());
        return new Authorizer(policy);
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
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
