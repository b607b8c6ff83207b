package dev.ism.function.api;

import dev.ism.function.auth.Attributes;
import dev.ism.schema.ImageApi;

import java.util.List;
import java.util.Optional;

/**
 * One request being served: the request, what it asks to do in authorization terms (read once from its path),
 * and what is learnt while serving it: the negotiated output, and for the request log and the response the
 * namespace, stream, tag and warnings.
 */
final class Exchange {

    private final ApiRequest request;
    private final Optional<Attributes> attributes;
    private Negotiation.Output output = Negotiation.Output.JSON;
    private String namespace;
    private String stream;
    private String tag;
    private List<String> warnings = List.of();

    Exchange(ApiRequest request) {
        this.request = request;
        this.attributes = RequestInfo.of(request.method(), request.path());
        // What the path says, known even when the request is refused before an endpoint runs (401, 403, 404, 405).
        attributes.ifPresent(a -> describe(a.namespace().isEmpty() ? null : a.namespace(),
                a.resource().equals(ImageApi.STREAMS) && !a.name().isEmpty() ? a.name() : null, null));
    }

    ApiRequest request() {
        return request;
    }

    /** What a resource request asks to do; empty for a non-resource request. */
    Optional<Attributes> attributes() {
        return attributes;
    }

    String header(String name) {
        return request.headers().get(name);
    }

    Negotiation.Output output() {
        return output;
    }

    void output(Negotiation.Output negotiated) {
        this.output = negotiated;
    }

    /** What the request is about, for its log line: each value given replaces the one known. */
    void describe(String namespace, String stream, String tag) {
        if (namespace != null) {
            this.namespace = namespace;
        }
        if (stream != null) {
            this.stream = stream;
        }
        if (tag != null) {
            this.tag = tag;
        }
    }

    String namespace() {
        return namespace;
    }

    String stream() {
        return stream;
    }

    String tag() {
        return tag;
    }

    /** Warnings for the client: every response to the request carries them as {@code Warning} headers. */
    void warn(List<String> more) {
        if (!more.isEmpty()) {
            warnings = List.copyOf(more);
        }
    }

    List<String> warnings() {
        return warnings;
    }
}
