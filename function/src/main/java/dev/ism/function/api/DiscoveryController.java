package dev.ism.function.api;

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

import java.io.IOException;
import java.io.UncheckedIOException;

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

    private final Rendered api;
    private final Rendered apis;
    private final Rendered group;
    private final Rendered resources;
    private final Rendered version;
    private final Rendered v2;
    private final Rendered v3Index;
    private final Rendered v3;
    private final byte[] v2Protobuf;

    public DiscoveryController() {
        OpenApiDocuments docs = new OpenApiDocuments();
        api = Rendered.of(Discovery.apiVersions());
        apis = Rendered.of(Discovery.groupList());
        group = Rendered.of(Discovery.group());
        resources = Rendered.of(Discovery.resourceList());
        version = Rendered.of(Discovery.version(MAJOR, MINOR, "v" + MAJOR + "." + MINOR + ".0"));
        v2 = Rendered.ofJson(docs.v2());
        v3Index = Rendered.of(docs.v3Index());
        v3 = Rendered.ofJson(docs.v3());
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

    @Get(uri = "/api", produces = MediaType.ALL)
    public HttpResponse<byte[]> api(HttpRequest<?> request) {
        return api.answer(request);
    }

    @Get(uri = "/apis", produces = MediaType.ALL)
    public HttpResponse<byte[]> apis(HttpRequest<?> request) {
        return apis.answer(request);
    }

    @Get(uri = "/apis/" + Discovery.GROUP, produces = MediaType.ALL)
    public HttpResponse<byte[]> group(HttpRequest<?> request) {
        return group.answer(request);
    }

    @Get(uri = Paths.GROUP_VERSION, produces = MediaType.ALL)
    public HttpResponse<byte[]> resources(HttpRequest<?> request) {
        return resources.answer(request);
    }

    @Get(uri = "/version", produces = MediaType.ALL)
    public HttpResponse<byte[]> version(HttpRequest<?> request) {
        return version.answer(request);
    }

    /** JSON, or the protobuf form client-go asks for (negotiated). */
    @Get(uri = OPENAPI_V2, produces = MediaType.ALL)
    public HttpResponse<byte[]> openApiV2(HttpRequest<?> request) {
        if (NegotiationFilter.output(request) == Negotiation.Output.OPENAPI_V2_PROTOBUF) {
            return HttpResponse.ok(v2Protobuf).contentType(Negotiation.OPENAPI_V2_PROTOBUF_TYPE);
        }
        return v2.answer(request);
    }

    @Get(uri = "/openapi/v3", produces = MediaType.ALL)
    public HttpResponse<byte[]> openApiV3Index(HttpRequest<?> request) {
        return v3Index.answer(request);
    }

    @Get(uri = "/openapi/v3/" + OpenApiDocuments.V3_GROUP_VERSION_PATH, produces = MediaType.ALL)
    public HttpResponse<byte[]> openApiV3(HttpRequest<?> request) {
        return v3.answer(request);
    }
}
