package dev.ism.function.store;

/**
 * An optimistic write lost: the stream's resourceVersion was no longer the one read, or DynamoDB
 * cancelled the transaction because another transaction touched the same items. Callers re-read
 * and decide whether to retry.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
