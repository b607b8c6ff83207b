package dev.ism.function.api;

import dev.ism.schema.ImageApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.discovery.Discovery;
import dev.ism.function.discovery.OpenApiDocuments;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.UriRouteInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Discovery ({@code /api}, {@code /apis}, the group, the group version), {@code /version} and OpenAPI
 * ({@code /openapi/v2}, {@code /openapi/v3}, the v3 document of the group version): fixed documents,
 * each rendered once (compact and pretty) when the function starts; a request only picks the bytes.
 * Aggregated discovery ({@code as=APIGroupDiscoveryList}) is not served: its Accept clauses are
 * passed over by negotiation and the legacy documents answer, as clients expect of servers without it.
 */
@Controller
// produces = ALL on every route: NegotiationFilter negotiates the Accept header as kube-apiserver does; Micronaut
// 4.10.20's own matching of Accept against produces refuses media ranges such as application/* with a 406.
public class DiscoveryController {

    /** The Kubernetes API level this server speaks (kubectl compares it with its own version). */
    static final String MAJOR = "1";
    static final String MINOR = "32";
    static final String OPENAPI_V2 = "/openapi/v2";

    private static final String API = "/api";
    private static final String APIS = "/apis";
    private static final String GROUP = "/apis/" + ImageApi.GROUP;
    private static final String VERSION = "/version";
    private static final String OPENAPI_V3 = "/openapi/v3";
    private static final String OPENAPI_V3_GROUP_VERSION = "/openapi/v3/" + OpenApiDocuments.V3_GROUP_VERSION_PATH;

    /** The documents by the template of the route that serves them. */
    private final Map<String, Rendered> documents;
    private final Rendered v2;
    private final byte[] v2Protobuf;

    public DiscoveryController() {
        OpenApiDocuments docs = new OpenApiDocuments();
        documents = Map.of(
                API, Rendered.of(Discovery.apiVersions()),
                APIS, Rendered.of(Discovery.groupList()),
                GROUP, Rendered.of(Discovery.group()),
                Paths.GROUP_VERSION, Rendered.of(Discovery.resourceList()),
                VERSION, Rendered.of(Discovery.version(MAJOR, MINOR, "v" + MAJOR + "." + MINOR + ".0")),
                OPENAPI_V3, Rendered.of(docs.v3Index()),
                OPENAPI_V3_GROUP_VERSION, Rendered.ofJson(docs.v3()));
        v2 = Rendered.ofJson(docs.v2());
        v2Protobuf = docs.v2Protobuf();
    }

    /** A document as compact and as pretty JSON. */
    record Rendered(byte[] compact, byte[] pretty) {
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

        MutableHttpResponse<byte[]> answer(HttpRequest<?> request) {
            return HttpResponse.ok(Responses.pretty(request) ? pretty : compact).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** Every fixed JSON document, each under its own route. */
    @Get(uris = {API, APIS, GROUP, Paths.GROUP_VERSION, VERSION, OPENAPI_V3, OPENAPI_V3_GROUP_VERSION}, produces = MediaType.ALL)
    public HttpResponse<byte[]> document(HttpRequest<?> request) {
        RouteInfo<?> route = RouteAttributes.getRouteInfo(request).orElse(null);
        Rendered document = route instanceof UriRouteInfo<?, ?> uri ? documents.get(uri.getUriMatchTemplate().toString()) : null;
        if (document == null) {
            throw new IllegalStateException("no document for the route of " + request.getPath());
        }
        return document.answer(request);
    }

    /** JSON, or the protobuf form client-go asks for (negotiated). */
    @Get(uri = OPENAPI_V2, produces = MediaType.ALL)
    public HttpResponse<byte[]> openApiV2(HttpRequest<?> request) {
        if (NegotiationFilter.output(request) == Negotiation.Output.OPENAPI_V2_PROTOBUF) {
            return HttpResponse.ok(v2Protobuf).contentType(Negotiation.OPENAPI_V2_PROTOBUF_TYPE);
        }
        return v2.answer(request);
    }
}
