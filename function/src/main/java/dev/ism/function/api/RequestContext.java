package dev.ism.function.api;

import io.micronaut.http.HttpRequest;

import java.util.List;

/**
 * What the request log says of a request beyond its {@link IncomingRequest} facts: what filters and
 * controllers learn while serving it (namespace, stream, tag, warnings), kept as request attributes.
 */
final class RequestContext {

    static final String NAMESPACE = "ism.namespace";
    static final String STREAM = "ism.stream";
    static final String TAG = "ism.tag";
    static final String WARNINGS = "ism.warnings";

    private RequestContext() {
    }

    static void describe(HttpRequest<?> request, String namespace, String stream, String tag) {
        if (namespace != null) {
            request.setAttribute(NAMESPACE, namespace);
        }
        if (stream != null) {
            request.setAttribute(STREAM, stream);
        }
        if (tag != null) {
            request.setAttribute(TAG, tag);
        }
    }

    /** Warnings for the client: every response to the request carries them as {@code Warning} headers. */
    static void warn(HttpRequest<?> request, List<String> warnings) {
        if (!warnings.isEmpty()) {
            request.setAttribute(WARNINGS, List.copyOf(warnings));
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> warnings(HttpRequest<?> request) {
        return request.getAttribute(WARNINGS, List.class).orElse(List.of());
    }

    /** The request's id, as it may enter a log line. */
    static String requestId(HttpRequest<?> request) {
        return printable(IncomingRequest.of(request).requestId());
    }

    static String attribute(HttpRequest<?> request, String name) {
        return request.getAttribute(name, String.class).map(RequestContext::printable).orElse("-");
    }

    /** A value as it may enter a log line: no control characters, no spaces, at most 256 characters. */
    static String printable(String value) {
        String s = value.length() > 256 ? value.substring(0, 256) + "..." : value;
        // [\p{Cntrl}\s] without a regex per value (this runs for every field of every request's log line):
        // the ASCII controls and whitespace are exactly the chars up to U+0020, and U+007F.
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = '_';
            }
        }
        return chars == null ? s : new String(chars);
    }
}
