package dev.ism.function.api;

import io.micronaut.http.HttpRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of a query parameter as the client sent them, whatever the way in ({@link IncomingRequest}
 * picks the source). API Gateway's HTTP API (payload 2.0) joins repeated parameters with commas in
 * {@code queryStringParameters}, and Micronaut splits every value at its commas again, so that
 * {@code fieldManager=a,b} would become two values; the event's {@code rawQueryString} still has the query
 * as sent ({@link Raw}). The REST API (payload 1.0) gives every value apart in
 * {@code multiValueQueryStringParameters} ({@link Rest}). Over HTTP, Netty's decoding is used as it is
 * ({@link Decoded}). Nothing is parsed before a parameter is asked for.
 */
sealed interface QueryParameters {

    /** Every value of {@code name}, in order; empty when absent. */
    List<String> all(String name);

    /** The first value of {@code name}, or null. */
    default String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** A query as sent ({@code a=1&b=2}), read as Go's {@code url.ParseQuery} reads it. */
    record Raw(String query) implements QueryParameters {
        @Override
        public List<String> all(String name) {
            return parse(query, name);
        }
    }

    /** A REST API event's parameters: the multi-value map, else the single-value one (either may be null). */
    record Rest(Map<String, List<String>> multi, Map<String, String> single) implements QueryParameters {
        @Override
        public List<String> all(String name) {
            if (multi != null) {
                List<String> values = multi.get(name);
                return values == null ? List.of() : List.copyOf(values);
            }
            String value = single == null ? null : single.get(name);
            return value == null ? List.of() : List.of(value);
        }
    }

    /** The framework's own decoding of the request's query. */
    record Decoded(HttpRequest<?> request) implements QueryParameters {
        @Override
        public List<String> all(String name) {
            return request.getParameters().getAll(name);
        }
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
