package dev.ism.function.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: request id, the Lambda invocation's request id (under Lambda), method,
 * path, namespace, stream, tag, status, duration. Never a body, a header value or a credential.
 */
final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ism.function.requests");

    private RequestLog() {
    }

    static void log(Exchange x, int code) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        ApiRequest r = x.request();
        long micros = (System.nanoTime() - r.started()) / 1000;
        LOG.info("request_id={} lambda_request_id={} method={} path={} namespace={} stream={} tag={} status={} duration_ms={}",
                printable(r.requestId()), r.lambdaRequestId() == null ? "-" : printable(r.lambdaRequestId()),
                printable(r.method()), printable(r.path()), orDash(x.namespace()), orDash(x.stream()), orDash(x.tag()),
                code, millis(micros));
    }

    /** The request's id, as it may enter a log line. */
    static String requestId(Exchange x) {
        return printable(x.request().requestId());
    }

    private static String orDash(String value) {
        return value == null ? "-" : printable(value);
    }

    /** {@code micros} as milliseconds with one decimal, rounded half up ({@code %.1f} without a Formatter per request). */
    static String millis(long micros) {
        long tenths = (micros + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
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
