package dev.ism.contracts.provider;

import dev.ism.function.auth.AuthFactory;
import dev.ism.function.auth.Authentication;
import dev.ism.function.auth.Authorizer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;

import java.util.List;

/**
 * In a function started for provider verification, authentication and authorization read the
 * provider states' {@link GrantedTokens} instead of the token and policy files: the function's own
 * {@link Authentication} (bearer parsing, 401) and {@link Authorizer} (ABAC matching, 403), only fed
 * from state that the states change.
 *
 * <p>The replacements are {@code @Context}, like the function's originals: Micronaut 4 still creates a
 * {@code @Context} bean replaced by a non-{@code @Context} one, and may even inject it
 * (micronaut-core issue 11758).
 */
@Factory
@Requires(property = ProviderStateSettings.PROVIDER_STATES, value = "true")
public class ProviderStateBeans {

    @Context
    @Replaces(value = Authentication.class, factory = AuthFactory.class)
    Authentication authentication(GrantedTokens tokens) {
        return new Authentication(List.of(tokens));
    }

    @Context
    @Replaces(value = Authorizer.class, factory = AuthFactory.class)
    Authorizer authorizer(GrantedTokens tokens) {
        return new Authorizer(tokens::policy);
    }
}
