package dev.ism.function.api;

import dev.ism.function.auth.Attributes;

import java.util.Optional;

/**
 * What a request asks to do, in authorization terms (kube-apiserver's {@code RequestInfo}): verb,
 * group, resource, namespace and name, read from the method and the path of a resource request
 * under {@code /apis/image.openshift.io/v1}. Other paths are not resource requests.
 */
final class RequestInfo {

    private static final String PREFIX = Paths.GROUP_VERSION + "/";

    private RequestInfo() {
    }

    static Optional<Attributes> of(String method, String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        String namespace = "";
        int i = 0;
        if (parts.length >= 3 && parts[0].equals("namespaces")) {
            namespace = parts[1];
            i = 2;
        }
        if (parts.length - i < 1 || parts.length - i > 2 || parts[i].isEmpty()) {
            return Optional.empty();
        }
        String resource = parts[i];
        String name = parts.length - i == 2 ? parts[i + 1] : "";
        String verb = switch (method) {
            case "GET", "HEAD" -> name.isEmpty() ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(new Attributes(verb, dev.ism.schema.Status.GROUP, resource, namespace, name));
    }
}
