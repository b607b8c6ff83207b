package dev.ism.function.auth;

import dev.ism.function.config.Unset;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * OpenID Connect: {@code ism.auth.oidc-*}, each named and read as the kube-apiserver flag of the same name
 * ({@code ism.auth.oidc-issuer-url} is {@code --oidc-issuer-url}), bound by name. A bean only when the issuer
 * is set; then the client ID must be too, and a bad URL stops the start-up. Unset is {@link Unset}'s.
 *
 * @param oidcIssuerUrl      must equal the tokens' {@code iss}; the discovery document is read from
 *                           {@code <oidcIssuerUrl>/.well-known/openid-configuration}
 * @param oidcClientId       must be one of the tokens' {@code aud}
 * @param oidcUsernameClaim  unset means {@code sub}
 * @param oidcUsernamePrefix unset means the kube default (none for the {@code email} claim, else
 *                           {@code oidcIssuerUrl + "#"}); {@code "-"} means none
 * @param oidcGroupsClaim    unset means no groups from the token
 * @param oidcGroupsPrefix   unset means none
 * @param oidcJwksUri        where the signing keys are; unset means the discovery document's {@code jwks_uri}
 * @param oidcClockSkew      leeway for {@code exp} and {@code nbf}; unset means 60 seconds
 */
@ConfigurationProperties(AuthSettings.PREFIX)
@Requires(property = OidcSettings.ISSUER_URL, pattern = Unset.SET)
public record OidcSettings(String oidcIssuerUrl, @Nullable String oidcClientId, @Nullable String oidcUsernameClaim,
                           @Nullable String oidcUsernamePrefix, @Nullable String oidcGroupsClaim,
                           @Nullable String oidcGroupsPrefix, @Nullable String oidcJwksUri,
                           @Nullable Duration oidcClockSkew) {

    public static final String ISSUER_URL = AuthSettings.PREFIX + ".oidc-issuer-url";
    public static final String DEFAULT_USERNAME_CLAIM = "sub";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    public OidcSettings {
        if (Unset.isUnset(oidcIssuerUrl)) {
            throw new IllegalArgumentException("OIDC issuer URL is required");
        }
        checkHttpUrl("OIDC issuer URL", oidcIssuerUrl);
        if (Unset.isUnset(oidcClientId)) {
            throw new IllegalArgumentException("OIDC client ID is required");
        }
        oidcUsernameClaim = Unset.or(oidcUsernameClaim, DEFAULT_USERNAME_CLAIM);
        oidcUsernamePrefix = Unset.orNull(oidcUsernamePrefix);
        oidcGroupsClaim = Unset.orNull(oidcGroupsClaim);
        oidcGroupsPrefix = Unset.orNull(oidcGroupsPrefix);
        oidcJwksUri = Unset.orNull(oidcJwksUri);
        if (oidcJwksUri != null) {
            checkHttpUrl("OIDC JWKS URI", oidcJwksUri);
        }
        oidcClockSkew = Objects.requireNonNullElse(oidcClockSkew, DEFAULT_CLOCK_SKEW);
        if (oidcClockSkew.isNegative()) {
            throw new IllegalArgumentException("OIDC clock skew must not be negative");
        }
    }

    /** Issuer and client only; everything else unset. */
    public static OidcSettings of(String issuerUrl, String clientId) {
        return new OidcSettings(issuerUrl, clientId, null, null, null, null, null, null);
    }

    /** With {@code --oidc-username-claim} and {@code --oidc-username-prefix}. */
    public OidcSettings withUsername(@Nullable String claim, @Nullable String prefix) {
        return new OidcSettings(oidcIssuerUrl, oidcClientId, claim, prefix, oidcGroupsClaim, oidcGroupsPrefix,
                oidcJwksUri, oidcClockSkew);
    }

    /** With {@code --oidc-groups-claim} and {@code --oidc-groups-prefix}. */
    public OidcSettings withGroups(@Nullable String claim, @Nullable String prefix) {
        return new OidcSettings(oidcIssuerUrl, oidcClientId, oidcUsernameClaim, oidcUsernamePrefix, claim, prefix,
                oidcJwksUri, oidcClockSkew);
    }

    /** With the JWKS URI and the clock skew. */
    public OidcSettings withKeys(@Nullable URI jwksUri, @Nullable Duration clockSkew) {
        return new OidcSettings(oidcIssuerUrl, oidcClientId, oidcUsernameClaim, oidcUsernamePrefix, oidcGroupsClaim,
                oidcGroupsPrefix, jwksUri == null ? null : jwksUri.toString(), clockSkew);
    }

    /** The JWKS URI, null when unset. */
    @Nullable
    public URI jwksUri() {
        return oidcJwksUri == null ? null : URI.create(oidcJwksUri);
    }

    /** The prefix actually put before the username claim, with kube-apiserver's defaulting. */
    public String effectiveUsernamePrefix() {
        if (oidcUsernamePrefix == null) {
            return "email".equals(oidcUsernameClaim) ? "" : oidcIssuerUrl + "#";
        }
        return "-".equals(oidcUsernamePrefix) ? "" : oidcUsernamePrefix;
    }

    /** Where the discovery document is. */
    public URI discoveryUri() {
        String base = oidcIssuerUrl.endsWith("/") ? oidcIssuerUrl.substring(0, oidcIssuerUrl.length() - 1) : oidcIssuerUrl;
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
