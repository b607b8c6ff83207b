package dev.ism.function.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of a query parameter as the client sent them, whatever the way in. API Gateway's HTTP
 * API (payload 2.0) joins repeated parameters with commas in {@code queryStringParameters}, and
 * Micronaut splits every value at its commas again, so that {@code fieldManager=a,b} would become two
 * values; the event's {@code rawQueryString} still has the query as sent. The REST API (payload 1.0)
 * gives every value apart in {@code multiValueQueryStringParameters}. Over HTTP, Netty's decoding is
 * used as it is.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** Every value of {@code name}, in order; empty when absent. */
    static List<String> all(HttpRequest<?> request, String name) {
        if (request instanceof ServletHttpRequest<?, ?> servlet) {
            Object nativeRequest = servlet.getNativeRequest();
            if (nativeRequest instanceof APIGatewayV2HTTPEvent v2 && v2.getRawQueryString() != null) {
                return parse(v2.getRawQueryString(), name);
            }
            if (nativeRequest instanceof APIGatewayProxyRequestEvent v1) {
                Map<String, List<String>> multi = v1.getMultiValueQueryStringParameters();
                if (multi != null) {
                    List<String> values = multi.get(name);
                    return values == null ? List.of() : List.copyOf(values);
                }
                Map<String, String> single = v1.getQueryStringParameters();
                String value = single == null ? null : single.get(name);
                return value == null ? List.of() : List.of(value);
            }
        }
        return request.getParameters().getAll(name);
    }

    /** The first value of {@code name}, or null. */
    static String first(HttpRequest<?> request, String name) {
        List<String> values = all(request, name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Go's {@code url.ParseQuery} for one key: pairs split at {@code &}, undecodable pairs skipped. */
    static List<String> parse(String rawQuery, String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty() || pair.indexOf(';') >= 0) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformedEscape) {
                // Go's ParseQuery skips a pair it cannot unescape
            }
        }
        return values;
    }
}
