package dev.ism.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What the API server does to every object it is asked to create before the resource's own strategy
 * (apiserver's {@code rest.BeforeCreate}): the namespace filled from the URL, or the request refused when the
 * body names another; the system fields a client cannot set wiped.
 */
public final class BeforeCreate {

    /** Fields of {@code metadata} the server sets (or clears) on create, whatever the client sent. */
    public static final List<String> SYSTEM_FIELDS = List.of("uid", "creationTimestamp", "selfLink", "deletionTimestamp");

    private BeforeCreate() {
    }

    /** Null when the object may go on (then changed as above), else the 400 to answer. */
    public static Status apply(ObjectNode object, String urlNamespace) {
        ObjectNode meta = object.with("metadata");
        String namespace = meta.path("namespace").asText("");
        if (namespace.isEmpty()) {
            meta.put("namespace", urlNamespace);
        } else if (!namespace.equals(urlNamespace)) {
            return Status.namespaceMismatch();
        }
        meta.remove(SYSTEM_FIELDS);
        return null;
    }
}
