package dev.ism.function.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * kube-apiserver's bearer token authentication: the {@code Authorization} header must be
 * {@code Bearer <token>} (scheme case-insensitive, the token a single word); the authenticators are
 * tried in order and the first that knows the token wins. With no authenticator everything is
 * refused. Why a request is refused is logged, never the token.
 */
public final class Authentication {

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    /**
     * The longest {@code Authorization} header looked at: bounded before any work. The local server reads at
     * most 8 KiB of headers and API Gateway about 10 KB, so no real token comes near it.
     */
    static final int MAX_HEADER_CHARS = 8192;

    private final List<Authenticator> authenticators;

    public Authentication(List<? extends Authenticator> authenticators) {
        this.authenticators = List.copyOf(authenticators);
        if (this.authenticators.isEmpty()) {
            LOG.warn("no authenticator configured: every request will be refused");
        }
    }

    public List<Authenticator> authenticators() {
        return authenticators;
    }

    /**
     * @param authorizationHeader the raw {@code Authorization} header value, null when absent
     * @return the user, empty when the request is not authenticated (answer 401)
     */
    public Optional<UserInfo> authenticate(String authorizationHeader) {
        String token = bearerToken(authorizationHeader);
        if (token == null) {
            return Optional.empty();
        }
        if (authenticators.isEmpty()) {
            LOG.info("refused: no authenticator configured");
            return Optional.empty();
        }
        for (Authenticator authenticator : authenticators) {
            Optional<UserInfo> user;
            try {
                user = authenticator.authenticate(token);
            } catch (RuntimeException e) {
                LOG.warn("authenticator {} failed", authenticator.name(), e);
                continue;
            }
            if (user.isPresent()) {
                LOG.debug("authenticated {} by {}", user.get().name(), authenticator.name());
                return user;
            }
        }
        LOG.info("refused: no authenticator accepted the bearer token");
        return Optional.empty();
    }

    /** The token of a {@code Bearer} header, or null (logged) when there is none. */
    static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            LOG.debug("refused: no Authorization header");
            return null;
        }
        if (header.length() > MAX_HEADER_CHARS) {
            LOG.info("refused: Authorization header over {} characters", MAX_HEADER_CHARS);
            return null;
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            LOG.info("refused: Authorization header is not 'Bearer <token>'");
            return null;
        }
        String scheme = trimmed.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            LOG.info("refused: Authorization scheme is not Bearer");
            return null;
        }
        String token = trimmed.substring(space + 1).strip();
        if (token.isEmpty()) {
            LOG.info("refused: empty bearer token");
            return null;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                LOG.info("refused: bearer token contains whitespace or a non-printable character");
                return null;
            }
        }
        return token;
    }
}
