package dev.ism.function.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * OpenID Connect settings, as kube-apiserver's {@code --oidc-*} flags.
 *
 * @param issuerUrl      {@code --oidc-issuer-url}: must equal the tokens' {@code iss}; the
 *                       discovery document is read from {@code <issuerUrl>/.well-known/openid-configuration}
 * @param clientId       {@code --oidc-client-id}: must be one of the tokens' {@code aud}
 * @param usernameClaim  {@code --oidc-username-claim}; null or blank means {@code sub}
 * @param usernamePrefix {@code --oidc-username-prefix}; null or empty means the kube default (none
 *                       for the {@code email} claim, else {@code issuerUrl + "#"}); {@code "-"} means none
 * @param groupsClaim    {@code --oidc-groups-claim}; null or blank means no groups from the token
 * @param groupsPrefix   {@code --oidc-groups-prefix}; null or empty means none
 * @param jwksUri        where the signing keys are; null means the discovery document's {@code jwks_uri}
 * @param clockSkew      leeway for {@code exp} and {@code nbf}; null means 60 seconds
 */
public record OidcSettings(String issuerUrl, String clientId, String usernameClaim, String usernamePrefix,
                           String groupsClaim, String groupsPrefix, URI jwksUri, Duration clockSkew) {

    public static final String DEFAULT_USERNAME_CLAIM = "sub";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    public OidcSettings {
        if (issuerUrl == null || issuerUrl.isBlank()) {
            throw new IllegalArgumentException("OIDC issuer URL is required");
        }
        checkHttpUrl("OIDC issuer URL", issuerUrl);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("OIDC client ID is required");
        }
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? DEFAULT_USERNAME_CLAIM : usernameClaim;
        usernamePrefix = usernamePrefix == null || usernamePrefix.isEmpty() ? null : usernamePrefix;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? null : groupsClaim;
        groupsPrefix = groupsPrefix == null || groupsPrefix.isEmpty() ? null : groupsPrefix;
        if (jwksUri != null) {
            checkHttpUrl("OIDC JWKS URI", jwksUri.toString());
        }
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("OIDC clock skew must not be negative");
        }
    }

    /** Issuer and client only; everything else defaulted. */
    public static OidcSettings of(String issuerUrl, String clientId) {
        return new OidcSettings(issuerUrl, clientId, null, null, null, null, null, null);
    }

    /** The prefix actually put before the username claim, with kube-apiserver's defaulting. */
    public String effectiveUsernamePrefix() {
        if (usernamePrefix == null) {
            return "email".equals(usernameClaim) ? "" : issuerUrl + "#";
        }
        return "-".equals(usernamePrefix) ? "" : usernamePrefix;
    }

    /** Where the discovery document is. */
    public URI discoveryUri() {
        String base = issuerUrl.endsWith("/") ? issuerUrl.substring(0, issuerUrl.length() - 1) : issuerUrl;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    private static void checkHttpUrl(String what, String value) {
        try {
            URI uri = new URI(value);
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
            if (!(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException(what + " must be an absolute http(s) URL: " + value);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(what + " must not have a query or fragment: " + value);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid URL: " + value, e);
        }
    }
}
