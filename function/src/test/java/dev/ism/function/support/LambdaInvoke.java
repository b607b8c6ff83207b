package dev.ism.function.support;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Lambda invocation as the Lambda Java runtime makes it for a stream handler: the event JSON's bytes
 * in, the response JSON's bytes out, with an invocation context of its own.
 */
public final class LambdaInvoke {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaInvoke() {
    }

    /** A response event, read from the JSON the handler wrote. */
    public record Response(String json, int statusCode, Map<String, String> headers, Map<String, List<String>> multiValueHeaders,
                           String body, boolean base64) {

        /** The body as text, base64-decoded when the response says so. */
        public String text() {
            return base64 ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        }
    }

    public static Response invoke(RequestStreamHandler handler, String eventJson, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
            String json = out.toString(StandardCharsets.UTF_8);
            JsonNode r = JSON.readTree(json);
            Map<String, String> headers = new LinkedHashMap<>();
            r.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            Map<String, List<String>> multi = new LinkedHashMap<>();
            r.path("multiValueHeaders").fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                multi.put(e.getKey(), values);
            });
            return new Response(json, r.path("statusCode").asInt(), headers, multi,
                    r.path("body").isNull() || r.path("body").isMissingNode() ? "" : r.path("body").asText(),
                    r.path("isBase64Encoded").asBoolean(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
