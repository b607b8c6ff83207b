package dev.ism.function.api;

import dev.ism.schema.Status;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The request target (path and query) a request must have before any routing: origin form
 * ({@code /path?query}) or absolute form ({@code http://host/path}), parsable as a URI. Shared by the local
 * server's {@code RequestGuard} and the Lambda handler, whose frameworks fail on anything else (Micronaut
 * 4.10's Netty server routes it as {@code /} without its headers; its API Gateway handler throws).
 */
public final class RequestTarget {

    private RequestTarget() {
    }

    /** The 400 for a target the server cannot take, or null. */
    public static Status problem(String target) {
        if (target == null || target.isEmpty()) {
            return EdgeStatus.unreadable("empty request target");
        }
        return plainPath(target) ? null : parsed(target);
    }

    /** {@link #problem} of a target that is not empty, found by parsing it as a {@link URI}. */
    static Status parsed(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return EdgeStatus.unreadable("the request target is not a valid URI");
        }
        if (target.charAt(0) == '/') {
            return target.startsWith("//") ? EdgeStatus.unreadable("the request target is not an absolute path") : null;
        }
        String scheme = uri.getScheme();
        boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!web || uri.getRawAuthority() == null || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            return EdgeStatus.unreadable("the request target is not an absolute path");
        }
        return null;
    }

    /**
     * Whether the target is an absolute path of unreserved characters and slashes only ({@code /apis/...} as
     * clients send it), which {@link #parsed} passes: answered without parsing it (RequestPartsTest compares them).
     */
    static boolean plainPath(String target) {
        if (target.charAt(0) != '/' || target.startsWith("//")) {
            return false;
        }
        for (int i = 1; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
            if (!unreserved) {
                return false;
            }
        }
        return true;
    }
}
