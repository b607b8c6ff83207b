package dev.ism.function.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenID Connect ID tokens, as kube-apiserver's {@code --oidc-*} authenticator: a JWS signed with
 * an asymmetric key of the issuer's JWKS, {@code iss} equal to the issuer URL, the client ID among
 * {@code aud}, {@code exp} required and {@code nbf} honoured with the clock skew. A JWT whose
 * (unverified) {@code iss} is another issuer is not this authenticator's: empty, without any fetch.
 *
 * <p>Beyond kube-apiserver's defaults, an identity whose user name or a group starts with
 * {@code system:} is refused (the rules kube's documentation recommends adding), so that no identity
 * provider can assert a service account or a system group.
 *
 * <p>Nothing is fetched at construction; the discovery document and the JWKS are read on first use.
 */
public final class OidcAuthenticator implements Authenticator {

    /** Signature algorithms accepted; never {@code none} nor HMAC. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    static final int HTTP_TIMEOUT_MILLIS = 5_000;
    static final int HTTP_SIZE_LIMIT = 1 << 20;
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);
    static final Duration KEYS_TTL = Duration.ofMinutes(10);
    /** The encoded JOSE header of a token: bounded before anything is decoded. */
    static final int MAX_HEADER_CHARS = 2048;
    /** A key id: bounded before any key lookup or JWKS fetch. */
    static final int MAX_KID_CHARS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(OidcAuthenticator.class);
    private static final String RESERVED_PREFIX = "system:";

    private final OidcSettings settings;
    private final Clock clock;
    private final JwksCache keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public OidcAuthenticator(OidcSettings settings) {
        this(settings, Clock.systemUTC(), MIN_REFRESH_INTERVAL, KEYS_TTL,
                new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT));
    }

    OidcAuthenticator(OidcSettings settings, Clock clock, Duration minRefreshInterval, Duration keysTtl,
                      ResourceRetriever retriever) {
        this.settings = settings;
        this.clock = clock;
        this.keys = new JwksCache(settings, retriever, clock, minRefreshInterval, keysTtl);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWSTypeVerifier((type, context) -> { }); // kube-apiserver ignores typ
        processor.setJWTClaimsSetVerifier((claims, context) -> verifyClaims(claims));
    }

    public OidcSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "OIDC(" + settings.oidcIssuerUrl() + ")";
    }

    @Override
    public Optional<UserInfo> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.chars().filter(c -> c == '.').count() != 2) {
            LOG.debug("{}: not a signed JWT", name());
            return Optional.empty();
        }
        if (bearerToken.indexOf('.') > MAX_HEADER_CHARS) {
            LOG.info("{}: rejected a token whose JOSE header is over {} characters", name(), MAX_HEADER_CHARS);
            return Optional.empty();
        }
        JWT jwt;
        String issuer;
        try {
            jwt = JWTParser.parse(bearerToken);
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            LOG.debug("{}: not a JWT: {}", name(), e.getMessage());
            return Optional.empty();
        }
        if (!settings.oidcIssuerUrl().equals(issuer)) {
            LOG.debug("{}: token issued by another issuer", name());
            return Optional.empty();
        }
        if (!(jwt instanceof SignedJWT signed)) {
            LOG.info("{}: rejected an unsigned token (alg none)", name());
            return Optional.empty();
        }
        String kid = signed.getHeader().getKeyID();
        if (kid != null && kid.length() > MAX_KID_CHARS) {
            LOG.info("{}: rejected a token whose kid is over {} characters", name(), MAX_KID_CHARS);
            return Optional.empty();
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            LOG.info("{}: rejected a token signed with {}, not an accepted algorithm", name(), alg);
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(signed, null);
            UserInfo user = toUser(claims, signed.getPayload().toJSONObject());
            LOG.debug("{}: authenticated {}", name(), user.name());
            return Optional.of(user);
        } catch (BadJOSEException e) {
            LOG.info("{}: rejected a token: {}", name(), e.getMessage());
        } catch (JOSEException e) {
            LOG.warn("{}: cannot verify a token: {}", name(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{}: error verifying a token", name(), e);
        }
        return Optional.empty();
    }

    /** JWKS fetch attempts so far. */
    int keyFetches() {
        return keys.fetches();
    }

    private void verifyClaims(JWTClaimsSet claims) throws BadJWTException {
        if (!settings.oidcIssuerUrl().equals(claims.getIssuer())) {
            throw new BadJWTException("iss is not " + settings.oidcIssuerUrl());
        }
        if (!claims.getAudience().contains(settings.oidcClientId())) {
            throw new BadJWTException("aud does not contain the client ID " + settings.oidcClientId());
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new BadJWTException("exp missing");
        }
        if (now.isAfter(exp.toInstant().plus(settings.oidcClockSkew()))) {
            throw new BadJWTException("token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(settings.oidcClockSkew()))) {
            throw new BadJWTException("token not valid before " + nbf.toInstant());
        }
    }

    /**
     * The user of verified claims. The claims' types are read from the payload as sent ({@code raw}):
     * Nimbus turns a numeric {@code sub} into a String, where kube-apiserver refuses a user name claim
     * that is not a JSON string.
     */
    private UserInfo toUser(JWTClaimsSet claims, Map<String, Object> raw) throws BadJWTException {
        String claim = settings.oidcUsernameClaim();
        if (!(raw.get(claim) instanceof String value) || value.isEmpty()) {
            throw new BadJWTException("claim " + claim + " missing or not a string");
        }
        if ("email".equals(claim)) {
            Object verified = claims.getClaim("email_verified");
            if (verified != null && !Boolean.TRUE.equals(verified)) {
                throw new BadJWTException("email not verified");
            }
        }
        String username = settings.effectiveUsernamePrefix() + value;
        if (username.startsWith(RESERVED_PREFIX)) {
            throw new BadJWTException("user name " + username + " uses the reserved system: prefix");
        }
        List<String> groups = groups(raw);
        for (String group : groups) {
            if (group.startsWith(RESERVED_PREFIX)) {
                throw new BadJWTException("group " + group + " uses the reserved system: prefix");
            }
        }
        return new UserInfo(username, "", groups);
    }

    private List<String> groups(Map<String, Object> raw) throws BadJWTException {
        String claim = settings.oidcGroupsClaim();
        Object value = claim == null ? null : raw.get(claim);
        if (value == null) {
            return List.of();
        }
        String prefix = settings.oidcGroupsPrefix() == null ? "" : settings.oidcGroupsPrefix();
        List<String> groups = new ArrayList<>();
        if (value instanceof String s) {
            groups.add(prefix + s);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw new BadJWTException("claim " + claim + " is not a string or an array of strings");
                }
                groups.add(prefix + s);
            }
        } else {
            throw new BadJWTException("claim " + claim + " is not a string or an array of strings");
        }
        return groups;
    }
}
