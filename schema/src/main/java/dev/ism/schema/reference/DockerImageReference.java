package dev.ism.schema.reference;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Docker image reference split the way OpenShift does it ({@code registry/namespace/name:tag@id}).
 *
 * <p>The accepted grammar and the error messages follow {@code github.com/distribution/reference}
 * ({@code regexp.go}, {@code reference.Parse}) as vendored by OpenShift's library-go
 * {@code pkg/image/reference}, with digests checked by the rules of
 * {@code github.com/opencontainers/go-digest}. The split into registry, namespace and name follows
 * library-go's {@code ParseNamedDockerImageReference}. Absent parts are empty strings, never null.
 *
 * @param registry  host[:port], or empty
 * @param namespace first path component after the registry, or empty
 * @param name      the rest of the repository path (never empty for a parsed reference)
 * @param tag       the tag, or empty
 * @param id        the digest ({@code algorithm:hex}), or empty
 */
public record DockerImageReference(String registry, String namespace, String name, String tag, String id) {

    /** Longest allowed name (domain and path), as {@code NameTotalLengthMax}. */
    public static final int NAME_TOTAL_LENGTH_MAX = 255;

    static final String INVALID_FORMAT = "invalid reference format";
    static final String NAME_CONTAINS_UPPERCASE = "repository name must be lowercase";
    static final String NAME_EMPTY = "repository name must have at least one component";
    static final String NAME_TOO_LONG = "repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters";
    static final String DIGEST_INVALID_FORMAT = "invalid checksum digest format";
    static final String DIGEST_INVALID_LENGTH = "invalid checksum digest length";
    static final String DIGEST_UNSUPPORTED = "unsupported digest algorithm";

    /** go-digest's {@code DigestRegexp}, checked only for algorithms it does not know. */
    private static final Pattern GO_DIGEST = Pattern.compile("[a-z0-9]++(?:[.+_-][a-z0-9]++)*+:[a-zA-Z0-9=_-]++");

    public DockerImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Parses {@code spec} as {@code reference.Parse} does and splits the name as OpenShift does.
     *
     * @throws ReferenceParseException with the Go error string when {@code spec} is not a valid reference
     */
    public static DockerImageReference parse(String spec) {
        String[] parts = ReferenceGrammar.match(spec);
        if (parts == null) {
            if (spec.isEmpty()) {
                throw new ReferenceParseException(NAME_EMPTY);
            }
            if (ReferenceGrammar.match(goToLower(spec)) != null) {
                throw new ReferenceParseException(NAME_CONTAINS_UPPERCASE);
            }
            throw new ReferenceParseException(INVALID_FORMAT);
        }
        String fullName = parts[0];
        if (fullName.length() > NAME_TOTAL_LENGTH_MAX) {
            throw new ReferenceParseException(NAME_TOO_LONG);
        }
        String tag = parts[1];
        String id = parts[2];
        if (!id.isEmpty()) {
            validateDigest(id);
        }

        String registry = "";
        String rest = fullName;
        int slash = fullName.indexOf('/');
        if (slash != -1) {
            String first = fullName.substring(0, slash);
            if (first.contains(":") || first.contains(".") || first.equals("localhost")) {
                registry = first;
                rest = fullName.substring(slash + 1);
            }
        }
        String namespace = "";
        slash = rest.indexOf('/');
        if (slash != -1) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        return new DockerImageReference(registry, namespace, rest, tag, id);
    }

    /**
     * Whether {@code s} is a digest of the reference grammar,
     * {@code [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}} (read by a scanner, linear).
     */
    public static boolean isDigest(String s) {
        return ReferenceGrammar.isDigest(s);
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** go-digest {@code Digest.Validate} for the algorithms it ships: sha256, sha384 and sha512. */
    private static void validateDigest(String digest) {
        int colon = digest.indexOf(':');
        if (colon <= 0 || colon + 1 == digest.length()) {
            throw new ReferenceParseException(DIGEST_INVALID_FORMAT);
        }
        String encoded = digest.substring(colon + 1);
        int hexLength = switch (digest.substring(0, colon)) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> throw new ReferenceParseException(
                    GO_DIGEST.matcher(digest).matches() ? DIGEST_UNSUPPORTED : DIGEST_INVALID_FORMAT);
        };
        if (encoded.length() != hexLength) {
            throw new ReferenceParseException(DIGEST_INVALID_LENGTH);
        }
        if (!isLowerHex(encoded)) {
            throw new ReferenceParseException(DIGEST_INVALID_FORMAT);
        }
    }

    /**
     * Go's {@code strings.ToLower}: a simple per-code-point mapping, unlike {@link String#toLowerCase}
     * which for example turns U+0130 into two characters.
     */
    private static String goToLower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().map(Character::toLowerCase).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Renders the reference again: {@code [registry/][namespace/]name[:tag][@id]}. */
    public String exact() {
        StringBuilder s = new StringBuilder();
        if (!registry.isEmpty()) {
            s.append(registry).append('/');
        }
        if (!namespace.isEmpty()) {
            s.append(namespace).append('/');
        }
        s.append(name);
        if (!tag.isEmpty()) {
            s.append(':').append(tag);
        }
        if (!id.isEmpty()) {
            s.append('@').append(id);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return exact();
    }
}
