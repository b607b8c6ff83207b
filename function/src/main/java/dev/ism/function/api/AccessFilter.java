package dev.ism.function.api;

import dev.ism.function.auth.Attributes;
import dev.ism.function.auth.Authentication;
import dev.ism.function.auth.Authorizer;
import dev.ism.function.auth.UserInfo;
import dev.ism.schema.Status;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;

/**
 * Authentication (401), then authorization (403), before any route runs or any body is decoded, as
 * kube-apiserver orders them: an unauthorized caller learns nothing about streams, images or validation.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessFilter implements Ordered {

    private final Authentication authentication;
    private final Authorizer authorizer;

    public AccessFilter(Authentication authentication, Authorizer authorizer) {
        this.authentication = authentication;
        this.authorizer = authorizer;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<UserInfo> user = authentication.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (user.isEmpty()) {
            return Responses.status(request, Status.unauthorized());
        }
        Optional<Attributes> attributes = RequestInfo.of(request.getMethodName(), request.getPath());
        if (attributes.isEmpty()) {
            // Not a resource request: nothing under the API group is served without authorization.
            return request.getPath().startsWith(Paths.GROUP_VERSION + "/")
                    ? Responses.status(request, Status.pathNotFound()) : null;
        }
        Authorizer.Decision decision = authorizer.authorize(user.get(), attributes.get());
        return decision.allowed() ? null : Responses.status(request, decision.forbiddenStatus());
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }
}
