package dev.ism.contracts.provider;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * A deliberately broken function, for {@link BrokenResponseIT} only: every {@code 422} answer leaves as
 * {@code 400} (the body is untouched). Switched on by {@link ProviderStateSettings#BREAK_422}. This filter breaks
 * the local server; {@link LambdaTestTarget} breaks the Lambda handlers' answers alike (they run no HTTP filter).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = ProviderStateSettings.BREAK_422, value = "true")
public class BrokenResponseFilter implements Ordered {

    @ResponseFilter
    public void break422(MutableHttpResponse<?> response) {
        if (response.code() == 422) {
            response.status(HttpStatus.BAD_REQUEST);
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 10;
    }
}
