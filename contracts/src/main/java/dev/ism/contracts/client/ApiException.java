package dev.ism.contracts.client;

import dev.ism.schema.Status;

import java.util.List;

/**
 * The API answered with a status code outside 2xx. Carries the HTTP code and, when the body was a
 * Kubernetes {@link Status} (it always is for this API), the parsed Status.
 */
public class ApiException extends RuntimeException {

    private final transient ApiResponse response;

    public ApiException(String operation, ApiResponse response) {
        super(describe(operation, response));
        this.response = response;
    }

    /** The HTTP status code. */
    public int statusCode() {
        return response.statusCode();
    }

    /** The parsed Status, or {@code null} when the body was not a Status. */
    public Status status() {
        return response.status();
    }

    /** {@code reason} of the Status ({@code NotFound}, {@code Invalid}, ...), or {@code null}. */
    public String reason() {
        return response.reason();
    }

    /** {@code details.causes} of the Status; empty when there are none. */
    public List<Status.Cause> causes() {
        Status s = response.status();
        if (s == null || s.details() == null || s.details().causes() == null) {
            return List.of();
        }
        return s.details().causes();
    }

    /** The whole answer. */
    public ApiResponse response() {
        return response;
    }

    private static String describe(String operation, ApiResponse r) {
        StringBuilder m = new StringBuilder(operation).append(": HTTP ").append(r.statusCode());
        Status s = r.status();
        if (s != null) {
            if (s.reason() != null) {
                m.append(' ').append(s.reason());
            }
            if (s.message() != null) {
                m.append(": ").append(s.message());
            }
        } else if (!r.rawBody().isEmpty()) {
            String raw = r.rawBody();
            m.append(": ").append(raw.length() > 200 ? raw.substring(0, 200) + "..." : raw);
        }
        return m.toString();
    }
}
