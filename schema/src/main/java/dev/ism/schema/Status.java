package dev.ism.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes {@code meta/v1 Status}, the body of every error and of a mapping's success. Empty
 * fields are omitted, as the API server does. Built only through the factory methods below so
 * that every caller (function, contracts, other teams' tests) renders the same messages.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "status", "message", "reason", "details", "code"})
public record Status(String kind, String apiVersion, Map<String, Object> metadata, String status,
                     String message, String reason, Details details, int code) {


    /** {@code details} of a Status: what the failure is about. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"name", "group", "kind", "causes", "retryAfterSeconds"})
    public record Details(String name, String group, String kind, List<Cause> causes, Integer retryAfterSeconds) {
        public Details(String name, String group, String kind) {
            this(name, group, kind, null, null);
        }
    }

    /** One entry of {@code details.causes}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"reason", "message", "field"})
    public record Cause(String reason, String message, String field) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Override
    public Map<String, Object> metadata() {
        return metadata;
    }

    private static Status failure(int code, String reason, String message, Details details) {
        return new Status("Status", "v1", Map.of(), "Failure", message, reason, details, code);
    }

    public static Status success(int code) {
        return new Status("Status", "v1", Map.of(), "Success", null, null, null, code);
    }

    public static Status badRequest(String message) {
        return failure(400, "BadRequest", message, null);
    }

    /** The 400 of an object whose {@code metadata.namespace} is not the URL's. */
    public static Status namespaceMismatch() {
        return badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }

    public static Status unauthorized() {
        return failure(401, "Unauthorized", "Unauthorized", null);
    }

    /** 403 in the words of the Kubernetes authorizer; {@code namespace} null for cluster-scoped resources. */
    public static Status forbidden(String user, String verb, String resource, String group, String namespace, String name) {
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        StringBuilder m = new StringBuilder(qualified);
        if (name != null && !name.isEmpty()) {
            m.append(" \"").append(name).append('"');
        }
        m.append(" is forbidden: User \"").append(user).append("\" cannot ").append(verb)
                .append(" resource \"").append(resource).append("\" in API group \"").append(group).append('"');
        if (namespace != null && !namespace.isEmpty()) {
            m.append(" in the namespace \"").append(namespace).append('"');
        } else {
            m.append(" at the cluster scope");
        }
        return failure(403, "Forbidden", m.toString(), new Details(name, group, resource));
    }

    /** 403 of a non-resource request (discovery, OpenAPI, any other path), as kube-apiserver words it. */
    public static Status forbiddenPath(String user, String verb, String path) {
        return failure(403, "Forbidden", "forbidden: User \"" + user + "\" cannot " + verb + " path \"" + path + "\"", null);
    }

    /** 406: the {@code Accept} header allows nothing the server can produce. */
    public static Status notAcceptable(String producedList) {
        return failure(406, "NotAcceptable", "only the following media types are accepted: " + producedList, null);
    }

    public static Status notFound(String group, String resource, String name) {
        return failure(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found",
                new Details(name, group, resource));
    }

    public static Status pathNotFound() {
        return failure(404, "NotFound", "the server could not find the requested resource", null);
    }

    public static Status methodNotAllowed(String method) {
        return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);
    }

    public static Status alreadyExists(String group, String resource, String name) {
        return failure(409, "AlreadyExists", qualified(group, resource) + " \"" + name + "\" already exists",
                new Details(name, group, resource));
    }

    public static Status conflict(String group, String resource, String name) {
        return failure(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and try again",
                new Details(name, group, resource));
    }

    public static Status tooLarge(long limit) {
        return requestEntityTooLarge("Request entity too large: limit is " + limit);
    }

    public static Status requestEntityTooLarge(String message) {
        return failure(413, "RequestEntityTooLarge", message, null);
    }

    public static Status unsupportedMediaType(String acceptedList) {
        return failure(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: " + acceptedList, null);
    }

    /**
     * 422 Invalid: {@code Kind.group "name" is invalid: e1} or {@code ... is invalid: [e1, e2]}, each
     * {@code e} being {@code field: message}.
     */
    public static Status invalid(String group, String kind, String name, List<Cause> causes) {
        StringBuilder m = new StringBuilder(kind);
        if (!group.isEmpty()) {
            m.append('.').append(group);
        }
        m.append(" \"").append(name == null ? "" : name).append("\" is invalid: ");
        if (causes.size() > 1) {
            m.append('[');
        }
        for (int i = 0; i < causes.size(); i++) {
            if (i > 0) {
                m.append(", ");
            }
            Cause c = causes.get(i);
            if (c.field() != null && !c.field().isEmpty()) {
                m.append(c.field()).append(": ");
            }
            m.append(c.message());
        }
        if (causes.size() > 1) {
            m.append(']');
        }
        return failure(422, "Invalid", m.toString(), new Details(name, group, kind, List.copyOf(causes), null));
    }

    public static Status internalError() {
        return failure(500, "InternalError", "Internal error occurred: the server could not complete the request", null);
    }

    public static Status serviceUnavailable(int retryAfterSeconds) {
        return failure(503, "ServiceUnavailable", "the storage is temporarily unavailable, please try again",
                new Details(null, null, null, null, retryAfterSeconds));
    }

    private static String qualified(String group, String resource) {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
