package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ism.function.api.ApiHandler;
import dev.ism.function.api.ApiRequest;
import dev.ism.function.api.ApiResponse;
import dev.ism.function.api.Responses;
import dev.ism.schema.Status;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Lambda handler of API Gateway events: reads the event with the function's own Jackson, hands the request
 * to {@link ApiHandler} (the same that serves the local server) and writes the response event.
 *
 * <p>Why a stream handler: for a typed {@code RequestHandler}, the Lambda Java runtime deserializes the
 * event with its own serialization library (aws-lambda-java-serialization: a shaded Jackson with mix-ins for
 * every event class); measured, about 790 classes and 0.35 s of a cold start, before the function runs at
 * all. The API Gateway event classes are plain beans ({@code getIsBase64Encoded} and its setter included),
 * which the Jackson already on the class path maps without help. Unknown event fields are ignored (API
 * Gateway adds fields over time), absent ones stay null; null response fields are left out, as API Gateway
 * expects.
 *
 * <p>Why not micronaut-function-aws-api-proxy's handlers: they build a Micronaut HTTP request from the event and
 * run it through Micronaut's router, filters and response encoding, which the API does not use (it routes and
 * negotiates as kube-apiserver does, in {@link ApiHandler}); measured, they made a 422 cost ~20 times the
 * floor's and a few tenths of a second of every cold start (see bench/README.md). Their 4.11.0 version also registered two bean
 * definitions per invocation, without bound (micronaut-aws, {@code DefaultLambdaContextFactory.registerSingletons}).
 * Nothing here registers anything per invocation: the invocation's request id goes into the request as it is.
 *
 * <p>An event that is not JSON of the expected shape cannot come from API Gateway; it is answered with a
 * {@code 400} Status in the response event's shape rather than a Lambda error.
 */
abstract class JsonEventHandler<I, O> implements RequestStreamHandler, Closeable {

    static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Logger LOG = LoggerFactory.getLogger(JsonEventHandler.class);

    private final Class<I> eventType;
    private final Class<O> responseType;
    /** Jackson's binding of the event and response classes, made at first need ({@link #reader}, {@link #writer}). */
    private volatile ObjectReader reader;
    private volatile ObjectWriter writer;
    private final ApplicationContext context;
    private final boolean ownsContext;
    private final ApiHandler api;

    /**
     * @param context     the function's application context
     * @param ownsContext whether {@link #close} closes it (the context Lambda's construction started)
     */
    JsonEventHandler(Class<I> eventType, Class<O> responseType, ApplicationContext context, boolean ownsContext) {
        this.eventType = eventType;
        this.responseType = responseType;
        this.context = context;
        this.ownsContext = ownsContext;
        this.api = context.getBean(ApiHandler.class);
    }

    /** Closes the application context, if this handler started it. */
    @Override
    public void close() {
        if (ownsContext) {
            context.close();
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // read twice when the binding must read it: from where it was marked (the Lambda runtime's stream of the
        // invocation's bytes can be, as a ByteArrayInputStream), else from a copy
        InputStream in = input.markSupported() ? input : new ByteArrayInputStream(input.readAllBytes());
        in.mark(Integer.MAX_VALUE);
        I event = read(in);
        if (event == null) {
            in.reset();
            try {
                event = reader().readValue(in);
            } catch (JacksonException | CharConversionException e) {
                // CharConversionException: Jackson guessed UTF-16 or UTF-32 from the first bytes and met a character
                // none is (found by LambdaEventFuzzTest). The log names the error, never a piece of the event.
                LOG.info("not an API Gateway event: {}", e.getClass().getSimpleName());
                write(output, Responses.status(Status.badRequest("the event could not be read")));
                return;
            }
        }
        if (event == null) { // the JSON text null
            write(output, Responses.status(Status.badRequest("the event could not be read")));
            return;
        }
        write(output, serve(event, context == null ? null : context.getAwsRequestId()));
    }

    /** The event read without Jackson's binding, where a handler can; null: the binding reads it. */
    I read(InputStream event) {
        return null;
    }

    /** Writes the response event: by default {@link #response} as Jackson's binding writes it. */
    void write(OutputStream output, ApiResponse response) throws IOException {
        writer().writeValue(output, response(response));
    }

    private ObjectReader reader() {
        ObjectReader r = reader;
        if (r == null) {
            reader = r = EVENTS.readerFor(eventType);
        }
        return r;
    }

    private ObjectWriter writer() {
        ObjectWriter w = writer;
        if (w == null) {
            writer = w = EVENTS.writerFor(responseType);
        }
        return w;
    }

    private ApiResponse serve(I event, String lambdaRequestId) {
        long started = System.nanoTime();
        Status refusal = refusal(event);
        if (refusal != null) {
            LOG.info("refused an unreadable event: status={} reason={}", refusal.code(), refusal.message());
            return Responses.status(refusal);
        }
        try {
            return api.serve(request(event, lambdaRequestId, started));
        } catch (RuntimeException e) {
            // the event's reading failed: ApiHandler itself answers every failure of its own
            LOG.error("internal error: lambda_request_id={}", lambdaRequestId, e);
            return Responses.status(Status.internalError());
        }
    }

    /** The 400 for an event the API cannot take in (see {@link EventParts#refusal}), or null. */
    abstract Status refusal(I event);

    /** The request the event carries. */
    abstract ApiRequest request(I event, String lambdaRequestId, long started);

    /** The response event. */
    abstract O response(ApiResponse response);
}
