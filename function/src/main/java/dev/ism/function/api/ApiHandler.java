package dev.ism.function.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.auth.Attributes;
import dev.ism.function.registry.ApiException;
import dev.ism.function.registry.CreateOptions;
import dev.ism.function.registry.ImageRest;
import dev.ism.function.registry.ImageStreamMappingRest;
import dev.ism.function.registry.ImageStreamRest;
import dev.ism.function.registry.ImageStreamTable;
import dev.ism.function.registry.storage.StoreOutcomeUnknownException;
import dev.ism.function.registry.storage.StoreUnavailableException;
import dev.ism.schema.ImageApi;
import dev.ism.schema.Status;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The API: every request of every way in (the local server, both kinds of API Gateway event, the tests) is served
 * here, in kube-apiserver's order: authentication and authorization ({@link AccessCheck}), output negotiation (406),
 * the route (404, 405), the endpoint (content type, size and query checks, then the registry's create, get or
 * list), one Kubernetes Status for every failure, one log line ({@link RequestLog}).
 *
 * <p>Routes are matched on the path as authorization reads it ({@link RequestInfo}: percent-decoded segments,
 * slashes around the path trimmed), so that a request is always served as what it was authorized as.
 */
@Singleton
public final class ApiHandler {

    static final int RETRY_AFTER_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final AccessCheck access;
    private final Documents documents;
    private final ImageStreamMappingRest mappings;
    private final ImageStreamRest streams;
    private final ImageRest images;
    private final Clock clock;

    ApiHandler(AccessCheck access, Documents documents, ImageStreamMappingRest mappings, ImageStreamRest streams,
               ImageRest images, Clock clock) {
        this.access = access;
        this.documents = documents;
        this.mappings = mappings;
        this.streams = streams;
        this.images = images;
        this.clock = clock;
    }

    /** The response to {@code request}; never throws for anything a client sends. */
    public ApiResponse serve(ApiRequest request) {
        Exchange x = new Exchange(request);
        ApiResponse response;
        try {
            response = handle(x);
        } catch (ApiException e) {
            response = Responses.status(x, e.status());
        } catch (StoreUnavailableException e) {
            LOG.warn("storage unavailable: request_id={} {}", RequestLog.requestId(x), e.toString());
            response = Responses.status(x, Status.serviceUnavailable(RETRY_AFTER_SECONDS))
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        } catch (StoreOutcomeUnknownException e) {
            // A write was sent and DynamoDB did not answer: it may have happened, so not a 503 but kube's 504 Timeout.
            LOG.warn("storage write outcome unknown: request_id={} {}", RequestLog.requestId(x), e.toString());
            response = Responses.status(x, EdgeStatus.timeout(RETRY_AFTER_SECONDS))
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        } catch (RuntimeException e) {
            LOG.error("internal error: request_id={}", RequestLog.requestId(x), e);
            response = Responses.status(x, Status.internalError());
        }
        RequestLog.log(x, response.code());
        return request.method().equals("HEAD") ? response.withoutBody() : response;
    }

    /**
     * A request its transport refused before it could be served (a body past the server's read limit, one that
     * could not be read): the Status, with the request's log line as for any other.
     */
    public ApiResponse refused(ApiRequest request, Status status) {
        Exchange x = new Exchange(request);
        ApiResponse response = Responses.status(x, status);
        RequestLog.log(x, status.code());
        return response;
    }

    /** A fault of ours met by the transport: logged, and a 500 that says nothing of it. */
    public ApiResponse fault(ApiRequest request, Throwable e) {
        LOG.error("internal error: request_id={}", RequestLog.printable(request.requestId()), e);
        return refused(request, Status.internalError());
    }

    private ApiResponse handle(Exchange x) {
        Status refused = access.refusal(x);
        if (refused != null) {
            return Responses.status(x, refused);
        }
        Negotiation.Output output = Negotiation.negotiate(x.header("Accept"), endpoint(x));
        if (output == null) {
            return Responses.status(x, Status.notAcceptable(Negotiation.PRODUCED));
        }
        x.output(output);
        return x.attributes().isPresent() ? resource(x, x.attributes().get()) : nonResource(x);
    }

    /** What the endpoint may answer besides JSON: a Table on reads of streams, protobuf for OpenAPI v2. */
    private static Negotiation.Endpoint endpoint(Exchange x) {
        if (x.attributes().isPresent()) {
            Attributes a = x.attributes().get();
            return a.resource().equals(ImageApi.STREAMS) && a.isReadOnly() ? Negotiation.Endpoint.TABLE_READS : Negotiation.Endpoint.JSON_ONLY;
        }
        return trimmed(x.request().path()).equals(Documents.OPENAPI_V2) ? Negotiation.Endpoint.OPENAPI_V2 : Negotiation.Endpoint.JSON_ONLY;
    }

    /** Discovery, {@code /version}, OpenAPI: reads of fixed documents. */
    private ApiResponse nonResource(Exchange x) {
        String path = trimmed(x.request().path());
        if (!documents.has(path)) {
            return Responses.status(x, Status.pathNotFound());
        }
        return reading(x) ? documents.answer(x, path) : methodNotAllowed(x);
    }

    private ApiResponse resource(Exchange x, Attributes a) {
        String ns = a.namespace();
        String name = a.name();
        switch (a.resource()) {
            case ImageApi.MAPPINGS:
                if (!ns.isEmpty() && name.isEmpty()) {
                    return posting(x) ? createMapping(x, ns) : methodNotAllowed(x);
                }
                break;
            case ImageApi.STREAMS:
                if (!ns.isEmpty() && name.isEmpty()) {
                    return posting(x) ? createStream(x, ns) : reading(x) ? listStreams(x, ns) : methodNotAllowed(x);
                }
                if (!ns.isEmpty()) {
                    return reading(x) ? getStream(x, ns, name) : methodNotAllowed(x);
                }
                break;
            case ImageApi.IMAGES:
                if (ns.isEmpty() && !name.isEmpty()) {
                    return reading(x) ? Responses.json(x, 200, images.get(name)) : methodNotAllowed(x);
                }
                break;
            default:
                break;
        }
        return Responses.status(x, Status.pathNotFound());
    }

    /** {@code POST .../namespaces/{namespace}/imagestreammappings}: decode, validate, apply the mapping rules, store. */
    private ApiResponse createMapping(Exchange x, String namespace) {
        CreateOptions options = RequestChecks.beforeDecode(x, namespace);
        ImageStreamMappingRest.Mapping mapping = mappings.admit(namespace, x.request().body(), options);
        x.describe(null, mapping.stream(), mapping.tag());
        x.warn(mapping.warnings());
        return Responses.status(x, mappings.create(mapping, options));
    }

    private ApiResponse createStream(Exchange x, String namespace) {
        CreateOptions options = RequestChecks.beforeDecode(x, namespace);
        return Responses.json(x, 201, streams.create(namespace, x.request().body(), options));
    }

    /** The list, or (negotiated) a Table of its items. */
    private ApiResponse listStreams(Exchange x, String namespace) {
        ObjectNode list = streams.list(namespace);
        if (x.output() == Negotiation.Output.TABLE) {
            List<JsonNode> items = new ArrayList<>();
            list.path("items").forEach(items::add);
            return Responses.json(x, 200, ImageStreamTable.of(items, null, clock.instant()));
        }
        return Responses.json(x, 200, list);
    }

    /** The stream, or (negotiated) a Table of one row. */
    private ApiResponse getStream(Exchange x, String namespace, String name) {
        ObjectNode stream = streams.get(namespace, name);
        if (x.output() == Negotiation.Output.TABLE) {
            return Responses.json(x, 200, ImageStreamTable.of(List.of(stream),
                    stream.path("metadata").path("resourceVersion").asText(null), clock.instant()));
        }
        return Responses.json(x, 200, stream);
    }

    private static ApiResponse methodNotAllowed(Exchange x) {
        return Responses.status(x, Status.methodNotAllowed(x.request().method()));
    }

    private static boolean reading(Exchange x) {
        String m = x.request().method();
        return m.equals("GET") || m.equals("HEAD");
    }

    private static boolean posting(Exchange x) {
        return x.request().method().equals("POST");
    }

    /** The path without the slashes at its end (the router ignores them), {@code /} for the root. */
    static String trimmed(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
