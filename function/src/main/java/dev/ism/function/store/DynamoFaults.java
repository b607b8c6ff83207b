package dev.ism.function.store;

import dev.ism.function.registry.storage.ConflictException;
import dev.ism.function.registry.storage.StoreOutcomeUnknownException;
import dev.ism.function.registry.storage.StoreUnavailableException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a failed DynamoDB call means for the answer, which must never lie about a write:
 *
 * <ul>
 *   <li>a read that failed, or a write that DynamoDB refused (throttling, after the SDK's retries) or that
 *       never left this process (every attempt failed to connect): {@link StoreUnavailableException}, nothing
 *       written (503);</li>
 *   <li>a write that was, or may have been, sent and got no answer (read timeout, connection lost, the whole
 *       call timed out, a 5xx from DynamoDB): {@link StoreOutcomeUnknownException} (504);</li>
 *   <li>a write that lost against a concurrent transaction ({@code TransactionConflictException}): nothing
 *       written, {@link ConflictException} (409 after the caller's own retries).</li>
 * </ul>
 */
final class DynamoFaults {

    private DynamoFaults() {
    }

    /** The exception to throw for {@code e}, or {@code e} itself when it is none of the above. */
    static RuntimeException translate(String what, boolean write, SdkException e) {
        if (e instanceof TransactionConflictException) {
            return new ConflictException(what + ": a concurrent transaction touched the same item", e, true);
        }
        if (refusedByService(e)) {
            return new StoreUnavailableException(what + ": DynamoDB refused it: " + e.getMessage(), e);
        }
        boolean clientSide = e instanceof SdkClientException;
        boolean serverFault = e instanceof SdkServiceException s && s.statusCode() >= 500;
        if (!clientSide && !serverFault) {
            return e;
        }
        if (!write || clientSide && neverSent(e)) {
            return new StoreUnavailableException(what + ": DynamoDB unavailable: " + e.getMessage(), e);
        }
        return new StoreOutcomeUnknownException(what + ": sent, no answer from DynamoDB: " + e.getMessage(), e);
    }

    /** DynamoDB answered and did nothing: throttling, whatever the SDK's retries did before. */
    static boolean refusedByService(SdkException e) {
        if (e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException) {
            return true;
        }
        return e instanceof SdkServiceException s && s.isThrottlingException();
    }

    /**
     * Whether no attempt of the call can have reached DynamoDB: the last attempt failed to connect, and so did
     * every earlier one. AWS SDK 2.31 keeps earlier attempts only as suppressed exceptions carrying their
     * messages ("Request attempt N failure: ..."), so those are read by their words; anything not clearly a
     * failure to connect counts as possibly sent. A whole-call timeout says nothing of the attempt it cut
     * short: possibly sent.
     */
    static boolean neverSent(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || !connectFailure(e)) {
            return false;
        }
        for (Throwable earlier : e.getSuppressed()) {
            if (!connectFailure(earlier) && !connectFailureMessage(earlier.getMessage())) {
                return false;
            }
        }
        return true;
    }

    private static boolean connectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SocketTimeoutException && connectFailureMessage(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectFailureMessage(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("connection refused") || m.contains("connect timed out") || m.contains("no route to host");
    }
}
