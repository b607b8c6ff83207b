package dev.ism.function.lambda;

import dev.ism.function.ClasspathResources;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.api.Responses;
import dev.ism.function.registry.ApiException;
import dev.ism.function.registry.CreateOptions;
import dev.ism.function.image.ImageCompletion;
import dev.ism.function.registry.ImageStreamMappingRest;
import dev.ism.function.registry.ImageStreamRest;
import dev.ism.function.model.NewImage;
import dev.ism.function.registry.storage.Images;
import dev.ism.schema.Status;
import dev.ism.schema.ImageApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * SnapStart priming: just before Lambda takes the snapshot of an initialized function version, runs a
 * dry-run ImageStreamMapping through the function, so that a function restored from the snapshot serves
 * its first request with its classes loaded, the JSON schema validator, Jackson and the DynamoDB client
 * (endpoint rules, signer, credentials, HTTP client, JSON protocol) already exercised and JIT-compiled.
 *
 * <p>Registered with {@code org.crac}'s global context when the application context starts; the Lambda
 * runtime calls {@link #beforeCheckpoint} on SnapStart versions only. On a JVM without CRaC support (tests,
 * local runs) the registration does nothing and nothing is primed unless {@link #prime()} is called.
 *
 * <p>What runs, and why: priming has no credentials (the function's own token file and OIDC settings
 * authenticate callers; no priming secret exists), so a request through the handler stops at
 * authentication. Priming therefore runs in two steps, both writing nothing:
 * <ol>
 *   <li>through the real Lambda handler ({@link HttpApiHandler}, as Lambda calls it, event bytes in and out), an API
 *   Gateway HTTP API event {@code POST .../namespaces/ism-snapstart-priming/imagestreammappings?dryRun=All}
 *   without a token: reading the event, the API's access check, the Status rendering and the response event;
 *   it answers 401 before any route runs or DynamoDB is touched;</li>
 *   <li>the code behind that route, the mapping create the API calls, with {@code dryRun=All} and the
 *   same body: the schema validator, Jackson decoding and a DynamoDB {@code GetItem} of the stream, which
 *   does not exist: 404, nothing written (with {@code dryRun} nothing would be written even if it existed);
 *   then the stream list of that namespace: a DynamoDB {@code Query}, read-only;</li>
 *   <li>the Image that mapping would store, completed from its manifest and config, looked up (a DynamoDB
 *   {@code GetItem}) and encoded as an item to check its size, as a dry run does: read-only.</li>
 * </ol>
 * A failure while priming is logged and never fails the snapshot: the function then starts colder.
 */
@Context
public class SnapStartPriming implements Resource {

    /** A namespace no real stream lives in; any existing stream there is only read. */
    public static final String NAMESPACE = "ism-snapstart-priming";
    public static final String STREAM = "snapstart-priming";
    public static final String PATH = ImageApi.PATH + "/namespaces/" + NAMESPACE + "/" + ImageApi.MAPPINGS;

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final String BODY_RESOURCE = "/dev/ism/function/lambda/priming-mapping.json";

    private final ApplicationContext context;
    private final ImageStreamMappingRest mappings;
    private final ImageStreamRest streams;
    private final Images images;
    private volatile boolean closed;

    /** What one priming did: the handler's status, the dry-run mapping's status, the streams listed. */
    public record Outcome(int handlerStatus, int mappingStatus, int streamsListed, long millis) {
    }

    public SnapStartPriming(ApplicationContext context, ImageStreamMappingRest mappings, ImageStreamRest streams,
                            Images images) {
        this.context = context;
        this.mappings = mappings;
        this.streams = streams;
        this.images = images;
    }

    @PostConstruct
    void register() {
        Core.getGlobalContext().register(this);
    }

    @PreDestroy
    void close() {
        closed = true;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> crac) {
        if (closed || !context.isRunning()) {
            return;
        }
        try {
            prime();
        } catch (RuntimeException e) {
            LOG.warn("SnapStart priming failed; the snapshot is taken anyway, the first request will be slower", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> crac) {
        // nothing to refresh: the DynamoDB client gets fresh credentials and connections by itself
    }

    /** Runs the priming requests (see the class comment) and returns what they answered. Writes nothing. */
    public Outcome prime() {
        long start = System.nanoTime();
        byte[] body = body();

        int handlerStatus = throughHandler(body);

        int mappingStatus;
        try {
            CreateOptions dryRun = new CreateOptions(true, "");
            Status status = mappings.create(mappings.admit(NAMESPACE, body, dryRun), dryRun);
            mappingStatus = status.code();
            Responses.render(status, false);
        } catch (ApiException e) {
            mappingStatus = e.status().code();
            Responses.render(e.status(), false);
        }
        var list = streams.list(NAMESPACE);
        Responses.render(list, false);
        int listed = list.path("items").size();

        ObjectNode image = ImageCompletion.complete((ObjectNode) readTree(body).path("image"));
        String name = image.path("metadata").path("name").asText();
        images.exists(name, Long.MAX_VALUE, () -> new NewImage(name, image)); // the measuring path too

        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("SnapStart priming: handler answered {} (no credentials), dry-run mapping {}, {} streams listed, {} ms",
                handlerStatus, mappingStatus, listed, millis);
        return new Outcome(handlerStatus, mappingStatus, listed, millis);
    }

    /** The priming request through the Lambda handler, as the runtime passes it: event bytes in, response bytes out. */
    private int throughHandler(byte[] body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new HttpApiHandler(context).handleRequest(new ByteArrayInputStream(JsonEventHandler.EVENTS.writeValueAsBytes(event(body))), out, null);
            return JsonEventHandler.EVENTS.readValue(out.toByteArray(), APIGatewayV2HTTPResponse.class).getStatusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP API (payload 2.0) event API Gateway would send for the priming request. */
    static APIGatewayV2HTTPEvent event(byte[] body) {
        String routeKey = "POST " + ImageApi.PATH + "/namespaces/{namespace}/" + ImageApi.MAPPINGS;
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(PATH)
                .withRawQueryString("dryRun=All")
                .withQueryStringParameters(Map.of("dryRun", "All"))
                .withPathParameters(Map.of("namespace", NAMESPACE))
                .withHeaders(Map.of(
                        "content-type", "application/json",
                        "content-length", Integer.toString(body.length),
                        "user-agent", "ism-snapstart-priming"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withRequestId("snapstart-priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath(PATH)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent("ism-snapstart-priming")
                                .build())
                        .build())
                .withBody(new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    private static ObjectNode readTree(byte[] body) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] body() {
        return ClasspathResources.bytes(BODY_RESOURCE);
    }

}
