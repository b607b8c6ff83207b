package dev.ism.function.auth;

import dev.ism.schema.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Decides whether an authenticated user may make a request, by an ABAC policy. */
public final class Authorizer {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

    /** The outcome, with what a 403 needs. */
    public record Decision(boolean allowed, UserInfo user, Attributes attributes, String reason) {

        /** The 403 body for a denied request, in the words of kube-apiserver. */
        public Status forbiddenStatus() {
            return Status.forbidden(user.name(), attributes.verb(), attributes.resource(), attributes.apiGroup(),
                    attributes.namespace(), attributes.name());
        }
    }

    private final Supplier<AbacPolicy> policy;

    public Authorizer(AbacPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        this.policy = () -> policy;
    }

    /**
     * An authorizer whose policy may change while it serves: {@code policy} is asked at every decision.
     * For tests that grant and revoke rights between requests (contracts/ provider states).
     */
    public Authorizer(Supplier<AbacPolicy> policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** An authorizer that allows nothing. */
    public static Authorizer denyAll() {
        return new Authorizer(AbacPolicy.parse(List.of()));
    }

    public AbacPolicy policy() {
        return policy.get();
    }

    /**
     * A non-resource request ({@code verb} the lowercase HTTP method): allowed by kube-apiserver's
     * default discovery roles ({@link DefaultRoles}) or by an ABAC {@code nonResourcePath} rule.
     */
    public boolean authorizePath(Subject subject, String verb, String path) {
        if (DefaultRoles.allow(subject.groups(), verb, path) || policy.get().authorizePath(subject, verb, path)) {
            return true;
        }
        LOG.info("denied {} {} path {}: neither a default role nor a policy line allows it", subject.name(), verb, path);
        return false;
    }

    public Decision authorize(UserInfo user, Attributes attributes) {
        return policy.get().firstMatch(user, attributes)
                .map(rule -> {
                    LOG.debug("allowed {} {} {}/{} in \"{}\": policy line {}", user.name(), attributes.verb(),
                            attributes.apiGroup(), attributes.resource(), attributes.namespace(), rule.line());
                    return new Decision(true, user, attributes, "allowed by policy line " + rule.line());
                })
                .orElseGet(() -> {
                    LOG.info("denied {} {} {}/{} in \"{}\": no policy line matches", user.name(), attributes.verb(),
                            attributes.apiGroup(), attributes.resource(), attributes.namespace());
                    return new Decision(false, user, attributes, "no policy line matches");
                });
    }
}
