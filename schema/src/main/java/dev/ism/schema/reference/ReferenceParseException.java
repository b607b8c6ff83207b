package dev.ism.schema.reference;

/**
 * Thrown by {@link DockerImageReference#parse(String)}. The message is exactly one of the error
 * strings of distribution/reference or go-digest (for example {@code "invalid reference format"}),
 * so it can be shown to clients as the Go API server would.
 */
public final class ReferenceParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ReferenceParseException(String message) {
        super(message);
    }
}
