package dev.ism.function.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of a query parameter as the client sent them, whatever the way in. Over HTTP and through API
 * Gateway's HTTP API (payload 2.0), the query as sent ({@link Raw}: the event's {@code rawQueryString}, since its
 * {@code queryStringParameters} joins repeated parameters with commas, so that {@code fieldManager=a,b} could not
 * be told from two values). The REST API (payload 1.0) gives every value apart in
 * {@code multiValueQueryStringParameters} ({@link Rest}). Nothing is parsed before a parameter is asked for.
 */
public sealed interface QueryParameters {

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
                String key = unescape(eq < 0 ? pair : pair.substring(0, eq));
                if (key.equals(name)) {
                    values.add(eq < 0 ? "" : unescape(pair.substring(eq + 1)));
                }
            } catch (IllegalArgumentException malformedEscape) {
                // Go's ParseQuery skips a pair it cannot unescape
            }
        }
        return values;
    }

    /** Go's {@code url.QueryUnescape}: {@link URLDecoder}, which allocates its buffer first, only where there is an escape. */
    static String unescape(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
