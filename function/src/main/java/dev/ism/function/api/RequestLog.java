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
        // One string, not a format and nine arguments that logback would take apart again for every line.
        LOG.info(new StringBuilder(256).append("request_id=").append(printable(r.requestId()))
                .append(" lambda_request_id=").append(r.lambdaRequestId() == null ? "-" : printable(r.lambdaRequestId()))
                .append(" method=").append(printable(r.method()))
                .append(" path=").append(printable(r.path()))
                .append(" namespace=").append(orDash(x.namespace()))
                .append(" stream=").append(orDash(x.stream()))
                .append(" tag=").append(orDash(x.tag()))
                .append(" status=").append(code)
                .append(" duration_ms=").append(millis(micros)).toString());
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
