package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API's event (payload format 2.0) read, and its response event written, in one pass of Jackson's tokens,
 * without Jackson's bean binding of {@link APIGatewayV2HTTPEvent} and its response class: binding costs a few
 * microseconds of every request, and the introspection of those classes a part of every cold start.
 *
 * <p>{@link #read} gives exactly what the binding would, or null: for an event it does not take as is (a value of
 * another type than its property's, a {@code null} for a boolean or number, a key given twice, an
 * {@code authorizer}, anything not JSON), where the binding's own conversions or errors decide, the caller binds the
 * event as before. {@code HttpApiEventsTest} checks both against the binding: the property names known here are the
 * binding's, and every event either is read alike or is left to the binding.
 */
final class HttpApiEvents {

    /** The event's properties read here (all of the binding's, {@code HttpApiEventsTest} checks). */
    static final List<String> EVENT_PROPERTIES = List.of("version", "routeKey", "rawPath", "rawQueryString", "cookies",
            "headers", "queryStringParameters", "pathParameters", "stageVariables", "body", "isBase64Encoded", "requestContext");
    /** The request context's properties; an {@code authorizer} other than null is left to the binding. */
    static final List<String> CONTEXT_PROPERTIES = List.of("routeKey", "accountId", "stage", "apiId", "domainName",
            "domainPrefix", "time", "timeEpoch", "http", "authorizer", "requestId");
    static final List<String> HTTP_PROPERTIES = List.of("method", "path", "protocol", "sourceIp", "userAgent");

    /** Not taken as is: left to the binding. Thrown without a stack trace, and only to unwind the reading. */
    private static final class Unread extends Exception {
        Unread() {
            super(null, null, false, false);
        }
    }

    private static final Unread UNREAD = new Unread();

    private HttpApiEvents() {
    }

    /** The event {@code in} holds, or null when the binding must read it; {@code in} is left open. */
    static APIGatewayV2HTTPEvent read(JsonFactory json, InputStream in) {
        try (JsonParser p = json.createParser(in).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
            properties(p, EVENT_PROPERTIES, (property, t) -> {
                switch (property) {
                    case 0 -> event.setVersion(text(p, t));
                    case 1 -> event.setRouteKey(text(p, t));
                    case 2 -> event.setRawPath(text(p, t));
                    case 3 -> event.setRawQueryString(text(p, t));
                    case 4 -> event.setCookies(texts(p, t));
                    case 5 -> event.setHeaders(textMap(p, t));
                    case 6 -> event.setQueryStringParameters(textMap(p, t));
                    case 7 -> event.setPathParameters(textMap(p, t));
                    case 8 -> event.setStageVariables(textMap(p, t));
                    case 9 -> event.setBody(text(p, t));
                    case 10 -> event.setIsBase64Encoded(bool(t));
                    default -> event.setRequestContext(context(p, t));
                }
            });
            return event;
        } catch (IOException | Unread e) { // IOException: Jackson's errors; the binding reports them as it does
            return null;
        }
    }

    private static APIGatewayV2HTTPEvent.RequestContext context(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t == JsonToken.START_OBJECT);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        properties(p, CONTEXT_PROPERTIES, (property, v) -> {
            switch (property) {
                case 0 -> context.setRouteKey(text(p, v));
                case 1 -> context.setAccountId(text(p, v));
                case 2 -> context.setStage(text(p, v));
                case 3 -> context.setApiId(text(p, v));
                case 4 -> context.setDomainName(text(p, v));
                case 5 -> context.setDomainPrefix(text(p, v));
                case 6 -> context.setTime(text(p, v));
                case 7 -> context.setTimeEpoch(int64(p, v));
                case 8 -> context.setHttp(http(p, v));
                case 9 -> expect(v == JsonToken.VALUE_NULL); // an authorizer: the binding's
                default -> context.setRequestId(text(p, v));
            }
        });
        return context;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Http http(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t == JsonToken.START_OBJECT);
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        properties(p, HTTP_PROPERTIES, (property, v) -> {
            switch (property) {
                case 0 -> http.setMethod(text(p, v));
                case 1 -> http.setPath(text(p, v));
                case 2 -> http.setProtocol(text(p, v));
                case 3 -> http.setSourceIp(text(p, v));
                default -> http.setUserAgent(text(p, v));
            }
        });
        return http;
    }

    /** Reads a property's value: {@code property} is its place in the list of names, {@code value} its first token. */
    @FunctionalInterface
    private interface Property {
        void read(int property, JsonToken value) throws IOException, Unread;
    }

    /**
     * The keys of the object whose start the parser is on: a key among {@code names} read by {@code property}, any
     * other skipped (the binding ignores it too); a property given twice is left to the binding.
     */
    private static void properties(JsonParser p, List<String> names, Property property) throws IOException, Unread {
        long seen = 0;
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            int index = names.indexOf(key);
            if (index < 0) {
                p.skipChildren();
                continue;
            }
            long bit = 1L << index;
            expect((seen & bit) == 0);
            seen |= bit;
            property.read(index, value);
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t == JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static boolean bool(JsonToken t) throws Unread {
        expect(t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE);
        return t == JsonToken.VALUE_TRUE;
    }

    private static long int64(JsonParser p, JsonToken t) throws IOException, Unread {
        expect(t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER);
        return p.getLongValue();
    }

    private static List<String> texts(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t == JsonToken.START_ARRAY);
        List<String> list = new ArrayList<>();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            list.add(text(p, v));
        }
        return list;
    }

    /** A {@code Map<String, String>}: a key given twice keeps its first place and its last value, as the binding's map. */
    private static Map<String, String> textMap(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t == JsonToken.START_OBJECT);
        Map<String, String> map = new LinkedHashMap<>();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            map.put(key, text(p, p.nextToken()));
        }
        return map;
    }

    private static void expect(boolean taken) throws Unread {
        if (!taken) {
            throw UNREAD;
        }
    }

    /**
     * The response event as the binding writes an {@code APIGatewayV2HTTPResponse} of {@code statusCode},
     * {@code headers}, {@code body} and {@code isBase64Encoded}, null properties left out (the same bytes:
     * {@code HttpApiEventsTest}).
     */
    static void write(JsonFactory json, OutputStream out, int statusCode, Map<String, String> headers, String body,
                      boolean base64) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("statusCode", statusCode);
            if (headers != null) {
                g.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> h : headers.entrySet()) {
                    g.writeStringField(h.getKey(), h.getValue());
                }
                g.writeEndObject();
            }
            if (body != null) {
                g.writeStringField("body", body);
            }
            g.writeBooleanField("isBase64Encoded", base64);
            g.writeEndObject();
        }
    }
}
