package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ism.schema.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A Lambda handler that reads the API Gateway event and writes the response event with the function's own
 * Jackson, around Micronaut's typed API Gateway handler.
 *
 * <p>Why a stream handler: for a typed {@code RequestHandler}, the Lambda Java runtime deserializes the
 * event with its own serialization library (aws-lambda-java-serialization: a shaded Jackson with mix-ins for
 * every event class); measured, about 790 classes and 0.35 s of a cold start, before the function runs at
 * all. The API Gateway event classes are plain beans ({@code getIsBase64Encoded} and its setter included),
 * which the Jackson already on the class path maps without help. Unknown event fields are ignored (API
 * Gateway adds fields over time), absent ones stay null; null response fields are left out, as API Gateway
 * expects.
 *
 * <p>An event that is not JSON of the expected shape cannot come from API Gateway; it is answered with a
 * {@code 400} Status in the response event's shape rather than a Lambda error.
 */
abstract class JsonEventHandler<I, O> implements RequestStreamHandler, Closeable {

    static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Logger LOG = LoggerFactory.getLogger(JsonEventHandler.class);

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final RequestHandler<I, O> function;
    private final Closeable closeFunction;

    <F extends RequestHandler<I, O> & Closeable> JsonEventHandler(Class<I> eventType, Class<O> responseType, F function) {
        this.reader = EVENTS.readerFor(eventType);
        this.writer = EVENTS.writerFor(responseType);
        this.function = function;
        this.closeFunction = function;
    }

    /** Closes the Micronaut function and its application context. */
    @Override
    public void close() {
        try {
            closeFunction.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        I event;
        try {
            event = reader.readValue(input);
        } catch (JacksonException | CharConversionException e) {
            // CharConversionException: Jackson guessed UTF-16 or UTF-32 from the first bytes and met a character
            // none is (found by LambdaEventFuzzTest). The log names the error, never a piece of the event.
            LOG.info("not an API Gateway event: {}", e.getClass().getSimpleName());
            writer.writeValue(output, response(Status.badRequest("the event could not be read")));
            return;
        }
        if (event == null) { // the JSON text null
            writer.writeValue(output, response(Status.badRequest("the event could not be read")));
            return;
        }
        writer.writeValue(output, function.handleRequest(event, context));
    }

    /** A response event carrying this Status. */
    abstract O response(Status status);
}
