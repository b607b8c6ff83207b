package dev.ism.contracts.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ism.schema.Status;

/**
 * One HTTP answer of the API.
 *
 * @param statusCode  the HTTP status code
 * @param contentType the {@code Content-Type} header, or {@code null} when absent
 * @param body        the body parsed as JSON, or {@code null} when empty or not JSON
 * @param rawBody     the body as text (UTF-8), empty when there was none
 * @param status      the body as a Kubernetes {@link Status} when it is one ({@code kind: Status}), else {@code null}
 */
public record ApiResponse(int statusCode, String contentType, JsonNode body, String rawBody, Status status) {

    /** True for a 2xx answer. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** {@code status.reason} of a Status body, or {@code null}. */
    public String reason() {
        return status == null ? null : status.reason();
    }
}
