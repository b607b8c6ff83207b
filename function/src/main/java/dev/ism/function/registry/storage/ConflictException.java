package dev.ism.function.registry.storage;

/**
 * An optimistic write lost: what it was decided from (a tag's head, the stream's generation) is no longer what
 * was read, or another write was in flight on the same items. Callers re-read and decide whether to retry.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean contention;

    /** What was read changed: decide again. */
    public ConflictException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param contention true when nothing read changed but the write met another one in flight on the same items
     *                   (DynamoDB's {@code TransactionConflict}): the same decision may simply be tried again
     */
    public ConflictException(String message, Throwable cause, boolean contention) {
        super(message, cause);
        this.contention = contention;
    }

    public boolean contention() {
        return contention;
    }
}
