package dev.ism.function.api;

import dev.ism.function.auth.Attributes;
import dev.ism.function.auth.Authentication;
import dev.ism.function.auth.Authorizer;
import dev.ism.function.auth.Subject;
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

import java.util.Locale;
import java.util.Optional;

/**
 * Authentication (401), then authorization (403), before any route runs or any body is decoded, as
 * kube-apiserver orders them: an unauthorized caller learns nothing about streams, images or validation.
 *
 * <p>Resource requests (under {@code /apis/image.openshift.io/v1/...}) need credentials. Every other
 * path is a non-resource request (discovery, OpenAPI, {@code /version}, unknown paths), authorized by
 * path: kube's default discovery roles or an ABAC {@code nonResourcePath} rule. A request without an
 * {@code Authorization} header is kube's anonymous user there, allowed only what
 * {@code system:unauthenticated} may read ({@code /version}); anything else asks it to authenticate (401).
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
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        Optional<Attributes> attributes = IncomingRequest.of(request).attributes();
        if (attributes.isEmpty() && header == null) {
            return authorizer.authorizePath(Subject.ANONYMOUS, verb(request), request.getPath())
                    ? null : Responses.status(request, Status.unauthorized());
        }
        Optional<UserInfo> user = authentication.authenticate(header);
        if (user.isEmpty()) {
            return Responses.status(request, Status.unauthorized());
        }
        if (attributes.isEmpty()) {
            String verb = verb(request);
            return authorizer.authorizePath(Subject.of(user.get()), verb, request.getPath())
                    ? null : Responses.status(request, Status.forbiddenPath(user.get().name(), verb, request.getPath()));
        }
        Authorizer.Decision decision = authorizer.authorize(user.get(), attributes.get());
        return decision.allowed() ? null : Responses.status(request, decision.forbiddenStatus());
    }

    /** A non-resource request's verb: the lowercase HTTP method (kube's RequestInfo). */
    private static String verb(HttpRequest<?> request) {
        return request.getMethodName().toLowerCase(Locale.ROOT);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }
}
