package dev.ism.function.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The issuer's signing keys, fetched on first use (discovering the JWKS URI first when it is not
 * configured), kept for {@code ttl}, and fetched again when a token names a key not in the set.
 * Fetches, successful or not, happen at most once per {@code minInterval}; a failed refresh keeps
 * the keys already known.
 */
final class JwksCache implements JWKSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

    private final OidcSettings settings;
    private final ResourceRetriever retriever;
    private final Clock clock;
    private final Duration minInterval;
    private final Duration ttl;

    private URI jwksUri;
    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;
    private int fetches;

    JwksCache(OidcSettings settings, ResourceRetriever retriever, Clock clock, Duration minInterval, Duration ttl) {
        this.settings = settings;
        this.retriever = retriever;
        this.clock = clock;
        this.minInterval = minInterval;
        this.ttl = ttl;
        this.jwksUri = settings.jwksUri();
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        if (keys == null) {
            if (!mayFetch(now)) {
                throw new KeySourceException("JWKS of " + settings.oidcIssuerUrl() + " unavailable, last fetch failed");
            }
            fetch(now);
        } else if (!now.isBefore(fetchedAt.plus(ttl)) && mayFetch(now)) {
            tryRefresh(now, "cache expired");
        }
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && mayFetch(now)) {
            tryRefresh(now, "no matching key");
            found = selector.select(keys);
        }
        return found;
    }

    /** Number of JWKS fetch attempts so far (for tests and metrics). */
    synchronized int fetches() {
        return fetches;
    }

    private boolean mayFetch(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(minInterval));
    }

    private void tryRefresh(Instant now, String why) {
        try {
            LOG.debug("refreshing JWKS of {}: {}", settings.oidcIssuerUrl(), why);
            fetch(now);
        } catch (KeySourceException e) {
            LOG.warn("JWKS refresh failed, keeping the {} known keys: {}", keys.size(), e.getMessage());
        }
    }

    private void fetch(Instant now) throws KeySourceException {
        lastAttempt = now;
        fetches++;
        URI uri = jwksUri();
        try {
            JWKSet fetched = JWKSet.parse(retriever.retrieveResource(uri.toURL()).getContent()).toPublicJWKSet();
            keys = fetched;
            fetchedAt = now;
            LOG.info("fetched {} signing keys of {} from {}", fetched.size(), settings.oidcIssuerUrl(), uri);
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            throw new KeySourceException("cannot fetch JWKS from " + uri + ": " + e.getMessage(), e);
        }
    }

    private URI jwksUri() throws KeySourceException {
        if (jwksUri != null) {
            return jwksUri;
        }
        URI discovery = settings.discoveryUri();
        try {
            Map<String, Object> doc = JSONObjectUtils.parse(retriever.retrieveResource(discovery.toURL()).getContent());
            Object issuer = doc.get("issuer");
            if (!settings.oidcIssuerUrl().equals(issuer)) {
                throw new KeySourceException("discovery document at " + discovery + " names issuer " + issuer
                        + ", expected " + settings.oidcIssuerUrl());
            }
            if (!(doc.get("jwks_uri") instanceof String uri) || uri.isEmpty()) {
                throw new KeySourceException("discovery document at " + discovery + " has no jwks_uri");
            }
            URI parsed = URI.create(uri);
            if (!"https".equalsIgnoreCase(parsed.getScheme()) && !"http".equalsIgnoreCase(parsed.getScheme())) {
                throw new KeySourceException("jwks_uri of " + discovery + " is not an http(s) URL: " + uri);
            }
            jwksUri = parsed;
            return parsed;
        } catch (IOException | java.text.ParseException | IllegalArgumentException e) {
            throw new KeySourceException("cannot read OIDC discovery document " + discovery + ": " + e.getMessage(), e);
        }
    }
}
