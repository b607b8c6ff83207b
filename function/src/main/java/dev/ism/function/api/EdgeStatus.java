package dev.ism.function.api;

import dev.ism.schema.Status;

import java.util.Map;

/**
 * The Statuses of failures at the edge of the function, which the schema module's {@link Status} has no
 * factory for: a request the HTTP layer cannot accept (414, 431, 400) and a storage write whose outcome
 * is unknown (504). Built as apimachinery builds them: kube has no {@code StatusReason} for 414 and 431
 * (Go's net/http answers those itself), so, as {@code NewGenericServerResponse} does for codes it does
 * not know, their reason is left empty (a client reads {@code StatusReasonUnknown}).
 */
public final class EdgeStatus {

    /** The longest request line the local server reads (Go's net/http and Netty agree on 4 KiB lines). */
    public static final int MAX_REQUEST_LINE_BYTES = 4096;
    /** The most header bytes the local server reads. */
    public static final int MAX_HEADER_BYTES = 8192;

    static final String TIMEOUT_MESSAGE = "Timeout: the server was unable to return a response in the time allotted,"
            + " but may still be processing the request";

    private EdgeStatus() {
    }

    public static Status uriTooLong() {
        return failure(414, "", "Request-URI Too Long: the request line is limited to " + MAX_REQUEST_LINE_BYTES + " bytes");
    }

    public static Status headersTooLarge() {
        return failure(431, "", "Request Header Fields Too Large: the request headers are limited to "
                + MAX_HEADER_BYTES + " bytes");
    }

    /** A request the HTTP layer cannot parse: its request line, a header, or its URI. */
    public static Status unreadable(String what) {
        return Status.badRequest("the request could not be read: " + what);
    }

    /**
     * apimachinery's {@code NewTimeoutError} with the words of its generic 504: the storage did not say
     * whether a write it was sent took effect.
     */
    public static Status timeout(int retryAfterSeconds) {
        return new Status("Status", "v1", Map.of(), "Failure", TIMEOUT_MESSAGE, "Timeout",
                new Status.Details(null, null, null, null, retryAfterSeconds), 504);
    }

    private static Status failure(int code, String reason, String message) {
        return new Status("Status", "v1", Map.of(), "Failure", message, reason, null, code);
    }
}
