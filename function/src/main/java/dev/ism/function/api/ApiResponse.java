package dev.ism.function.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A response as the API gives it, for the adapters to write in their transport's terms.
 *
 * @param code        the HTTP status code
 * @param contentType the body's media type
 * @param body        the body (empty for a HEAD request)
 * @param headers     further headers, in order; a name may repeat ({@code Warning})
 */
public record ApiResponse(int code, String contentType, byte[] body, List<Header> headers) {

    public static final String JSON = "application/json";

    /** One header line. */
    public record Header(String name, String value) {
    }

    public ApiResponse {
        headers = List.copyOf(headers);
    }

    /** This response with one more header. */
    public ApiResponse withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new ApiResponse(code, contentType, body, more);
    }

    /** This response without its body, as a HEAD request is answered. */
    ApiResponse withoutBody() {
        return new ApiResponse(code, contentType, new byte[0], headers);
    }
}
