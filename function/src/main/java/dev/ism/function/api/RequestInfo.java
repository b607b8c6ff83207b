package dev.ism.function.api;

import dev.ism.schema.ImageApi;
import dev.ism.function.auth.Attributes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request asks to do, in authorization terms (kube-apiserver's {@code RequestInfo}): verb,
 * group, resource, namespace and name, read from the method and the path of a resource request
 * under {@code /apis/image.openshift.io/v1}. Other paths are not resource requests (and no route
 * serves them).
 *
 * <p>It fails closed: every path the router could take for one of ours yields attributes to
 * authorize. As kube-apiserver does, the slashes around the path are trimmed ({@code .../ruby/} is
 * {@code ruby}, which the router serves too) and each segment is percent-decoded
 * ({@code imagestream%73} is {@code imagestreams}). Segments past {@code <resource>/<name>} (a
 * subresource, or a spelling no route serves) make the resource {@code <resource>/<rest>}, which only
 * a rule for every resource grants.
 */
final class RequestInfo {

    private static final List<String> PREFIX = List.of("apis", ImageApi.GROUP, ImageApi.VERSION);

    private RequestInfo() {
    }

    static Optional<Attributes> of(String method, String path) {
        List<String> segments = segments(path);
        if (segments.size() < PREFIX.size() || !segments.subList(0, PREFIX.size()).equals(PREFIX)) {
            return Optional.empty();
        }
        List<String> parts = segments.subList(PREFIX.size(), segments.size());
        if (parts.isEmpty()) {
            // the group version itself (its discovery document): a non-resource request, as in kube
            return Optional.empty();
        }
        String namespace = "";
        int i = 0;
        if (parts.size() >= 3 && parts.get(0).equals("namespaces")) {
            namespace = parts.get(1);
            i = 2;
        }
        String resource = parts.size() > i ? parts.get(i) : "";
        String name = parts.size() > i + 1 ? parts.get(i + 1) : "";
        if (parts.size() > i + 2) {
            resource = resource + "/" + String.join("/", parts.subList(i + 2, parts.size()));
        }
        String verb = switch (method) {
            case "GET", "HEAD" -> name.isEmpty() ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return Optional.of(new Attributes(verb, ImageApi.GROUP, resource, namespace, name));
    }

    /** The path's segments, percent-decoded, with the slashes around the path trimmed. */
    static List<String> segments(String path) {
        String trimmed = path;
        int start = 0;
        int end = trimmed.length();
        while (start < end && trimmed.charAt(start) == '/') {
            start++;
        }
        while (end > start && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        trimmed = trimmed.substring(start, end);
        if (trimmed.isEmpty()) {
            return List.of();
        }
        List<String> segments = new ArrayList<>();
        for (int from = 0, slash; ; from = slash + 1) { // without String.split's array and its list
            slash = trimmed.indexOf('/', from);
            segments.add(decode(trimmed.substring(from, slash < 0 ? trimmed.length() : slash)));
            if (slash < 0) {
                return segments;
            }
        }
    }

    /** Percent-decoding only ({@code +} stays a plus in a path); a malformed escape leaves the segment as it is. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
