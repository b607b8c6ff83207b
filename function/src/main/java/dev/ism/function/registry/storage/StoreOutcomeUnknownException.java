package dev.ism.function.registry.storage;

/**
 * A write was sent to DynamoDB and no answer came (a timeout, the connection lost after sending, a 5xx):
 * it may have taken effect, or may still. Not the caller's fault; a retry of the same request is the way
 * to find out.
 */
public class StoreOutcomeUnknownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
