package dev.ism.function.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.discovery.Discovery;
import dev.ism.function.discovery.OpenApiDocuments;
import dev.ism.schema.ImageApi;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Discovery ({@code /api}, {@code /apis}, the group, the group version), {@code /version} and OpenAPI
 * ({@code /openapi/v2}, {@code /openapi/v3}, the v3 document of the group version): fixed documents,
 * each rendered once (compact and pretty), on first use; a request then only picks the bytes.
 * Aggregated discovery ({@code as=APIGroupDiscoveryList}) is not served: its Accept clauses are
 * passed over by negotiation and the legacy documents answer, as clients expect of servers without it.
 */
@Singleton
final class Documents {

    /** The Kubernetes API level this server speaks (kubectl compares it with its own version). */
    static final String MAJOR = "1";
    static final String MINOR = "32";
    static final String OPENAPI_V2 = "/openapi/v2";

    private static final String OPENAPI_V3_GROUP_VERSION = "/openapi/v3/" + OpenApiDocuments.V3_GROUP_VERSION_PATH;

    /**
     * The documents by their path, and OpenAPI v2 as protobuf: rendered on first use, not when the function starts
     * (about 150 KB of OpenAPI JSON read, parsed and rendered several ways), since a cold start serving a registry's
     * push never needs them.
     */
    private volatile Loaded loaded;

    private record Loaded(Map<String, Rendered> documents, byte[] v2Protobuf) {
    }

    private Loaded loaded() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    l = load();
                    loaded = l;
                }
            }
        }
        return l;
    }

    /** Each document's path and how it is made, in one list: {@link #has} and {@link #load} both read it. */
    private static final Map<String, Function<OpenApiDocuments, Rendered>> SOURCES = Map.of(
            "/api", docs -> Rendered.of(Discovery.apiVersions()),
            "/apis", docs -> Rendered.of(Discovery.groupList()),
            "/apis/" + ImageApi.GROUP, docs -> Rendered.of(Discovery.group()),
            ImageApi.PATH, docs -> Rendered.of(Discovery.resourceList()),
            "/version", docs -> Rendered.of(Discovery.version(MAJOR, MINOR, "v" + MAJOR + "." + MINOR + ".0")),
            "/openapi/v3", docs -> Rendered.of(docs.v3Index()),
            OPENAPI_V3_GROUP_VERSION, docs -> Rendered.ofJson(docs.v3()),
            OPENAPI_V2, docs -> Rendered.ofJson(docs.v2()));

    private static Loaded load() {
        OpenApiDocuments docs = new OpenApiDocuments();
        Map<String, Rendered> documents = new HashMap<>();
        SOURCES.forEach((path, source) -> documents.put(path, source.apply(docs)));
        return new Loaded(Map.copyOf(documents), docs.v2Protobuf());
    }

    /** A document as compact and as pretty JSON. */
    private record Rendered(byte[] compact, byte[] pretty) {
        private static final ObjectMapper JSON = new ObjectMapper();

        static Rendered of(Object document) {
            return new Rendered(Responses.render(document, false), Responses.render(document, true));
        }

        static Rendered ofJson(byte[] json) {
            try {
                return of(JSON.readValue(json, JsonNode.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Whether a document is served at {@code path} (its slashes at the end trimmed). */
    boolean has(String path) {
        return SOURCES.containsKey(path);
    }

    /** The document at {@code path}: JSON, or for OpenAPI v2 the protobuf form client-go asks for (negotiated). */
    ApiResponse answer(Exchange x, String path) {
        if (path.equals(OPENAPI_V2) && x.output() == Negotiation.Output.OPENAPI_V2_PROTOBUF) {
            return Responses.bytes(x, 200, Negotiation.OPENAPI_V2_PROTOBUF_TYPE, loaded().v2Protobuf());
        }
        Rendered document = loaded().documents().get(path);
        return Responses.bytes(x, 200, ApiResponse.JSON, Responses.pretty(x) ? document.pretty() : document.compact());
    }
}
