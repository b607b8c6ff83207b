package dev.ism.contracts.provider;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The function authenticates every request, whatever its path (its {@code AccessFilter} answers 401
 * before any route runs, as kube-apiserver does), and a verifier's state-change request carries no
 * token. For {@value ProviderStateSettings#STATE_PATH} only, this test-only filter, ordered before
 * {@code AccessFilter}, puts the per-run state endpoint token in the {@code Authorization} header: the
 * request then authenticates as a user whose only right is this path (an ABAC {@code nonResourcePath}
 * rule of {@link GrantedTokens}). No other path is touched.
 */
@ServerFilter(ProviderStateSettings.STATE_PATH)
@Requires(property = ProviderStateSettings.PROVIDER_STATES, value = "true")
public class ProviderStateEndpointFilter implements Ordered {

    private final GrantedTokens tokens;

    public ProviderStateEndpointFilter(GrantedTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    public void authenticate(MutableHttpRequest<?> request) {
        request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.stateEndpointToken());
    }

    @Override
    public int getOrder() {
        // After the request log (HIGHEST_PRECEDENCE), before AccessFilter (HIGHEST_PRECEDENCE + 100).
        return HIGHEST_PRECEDENCE + 50;
    }
}
