package dev.ism.function.api;

import dev.ism.function.auth.Attributes;
import dev.ism.function.auth.Authentication;
import dev.ism.function.auth.Authorizer;
import dev.ism.function.auth.Subject;
import dev.ism.function.auth.UserInfo;
import dev.ism.schema.Status;
import jakarta.inject.Singleton;

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
@Singleton
final class AccessCheck {

    private final Authentication authentication;
    private final Authorizer authorizer;

    AccessCheck(Authentication authentication, Authorizer authorizer) {
        this.authentication = authentication;
        this.authorizer = authorizer;
    }

    /** The Status refusing the request, or null when it may go on. */
    Status refusal(Exchange x) {
        String header = x.header("Authorization");
        Optional<Attributes> attributes = x.attributes();
        String path = x.request().path();
        if (attributes.isEmpty() && header == null) {
            return authorizer.authorizePath(Subject.ANONYMOUS, verb(x), path) ? null : Status.unauthorized();
        }
        Optional<UserInfo> user = authentication.authenticate(header);
        if (user.isEmpty()) {
            return Status.unauthorized();
        }
        if (attributes.isEmpty()) {
            String verb = verb(x);
            return authorizer.authorizePath(Subject.of(user.get()), verb, path) ? null : Status.forbiddenPath(user.get().name(), verb, path);
        }
        Authorizer.Decision decision = authorizer.authorize(user.get(), attributes.get());
        return decision.allowed() ? null : decision.forbiddenStatus();
    }

    /** A non-resource request's verb: the lowercase HTTP method (kube's RequestInfo). */
    private static String verb(Exchange x) {
        return x.request().method().toLowerCase(Locale.ROOT);
    }
}
