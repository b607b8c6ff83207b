package dev.ism.function.lambda;

import dev.ism.function.api.ApiRequest;
import dev.ism.function.api.ApiResponse;
import dev.ism.function.api.EdgeStatus;
import dev.ism.function.api.RequestTarget;
import dev.ism.schema.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both kinds of API Gateway event have alike: method, path, headers and body, read the same way. */
final class EventParts {

    private EventParts() {
    }

    /**
     * The 400 for an event no HTTP request could have become: no method, a path that is not a URI path (a
     * character a URI may not hold such as {@code \}, {@code {}, {@code |} or a space, a bad escape such as
     * {@code %zz}, an empty or relative path), a header line HTTP does not allow, a body flagged base64 that is
     * not. The local server's HTTP parser refuses all of these, as Go's net/http does before kube-apiserver sees
     * them (found by LambdaEventFuzzTest and LambdaFuzzTest).
     */
    static Status refusal(String method, String path, Map<String, String> headers, String body, boolean base64) {
        if (method == null || method.isEmpty()) {
            return Status.badRequest("the event has no HTTP method");
        }
        Status target = RequestTarget.problem(path);
        if (target != null) {
            return target;
        }
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (!headerNameAllowed(h.getKey())) {
                    return EdgeStatus.unreadable("a header name is not a token");
                }
                if (!headerValueAllowed(h.getValue())) {
                    return EdgeStatus.unreadable("a header value has a prohibited character");
                }
            }
        }
        if (base64 && body != null) {
            try {
                Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return EdgeStatus.unreadable("the body is flagged base64 but is not");
            }
        }
        return null;
    }

    /** A header name as RFC 9110 allows it: a token, letters, digits and {@code !#$%&'*+-.^_`|~}. */
    static boolean headerNameAllowed(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }

    /**
     * A field value as the local server's HTTP parser accepts it: the first character visible (not a space, tab or
     * control character), the others no control character but HTAB, no DEL.
     */
    static boolean headerValueAllowed(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        if (first < 0x21 || first == 0x7f) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The body's bytes ({@link #refusal} has checked a base64 body). */
    static byte[] body(String body, boolean base64) {
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        return base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** Header lookup over an event's header map, whose names API Gateway may have lowercased (payload 2.0) or not. */
    static ApiRequest.Headers headers(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return name -> null;
        }
        return name -> {
            String exact = headers.get(name);
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        };
    }

    /** Whether the response body goes into the event as text; any other body goes base64, as API Gateway decodes it. */
    static boolean isText(ApiResponse response) {
        return response.contentType().equals(ApiResponse.JSON);
    }

    static String bodyText(ApiResponse response) {
        return isText(response) ? new String(response.body(), StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(response.body());
    }

    /** The response's headers, the values of a repeated header apart, Content-Type first. */
    static Map<String, List<String>> headerLists(ApiResponse response) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("Content-Type", List.of(response.contentType()));
        for (ApiResponse.Header h : response.headers()) {
            lists.merge(h.name(), List.of(h.value()), (a, b) -> {
                List<String> joined = new ArrayList<>(a);
                joined.addAll(b);
                return joined;
            });
        }
        return lists;
    }
}
