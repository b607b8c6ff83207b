package dev.ism.function.registry.storage;

/**
 * DynamoDB could not be reached or would not serve the request (connection failure, timeout,
 * throttling after the SDK's retries, a 5xx). Worth retrying later; not the caller's fault.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
