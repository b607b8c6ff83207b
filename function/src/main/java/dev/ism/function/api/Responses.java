package dev.ism.function.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter.Indenter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ism.schema.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every response body of the API: JSON, compact or, as the API server does, 2-space pretty when
 * {@code ?pretty=true} or (with no {@code pretty}) for curl, Wget and browsers.
 */
public final class Responses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter COMPACT = JSON.writer();
    private static final ObjectWriter PRETTY = JSON.writer(new GoIndent());
    /**
     * A mapping's 201, the body of every successful request, as the bean serialization of {@code Status} writes it
     * ({@code ResponsesTest} checks): written out here, not rendered, so that neither a request (about 1 us a time)
     * nor a cold start (about 50 ms to build Jackson's serializer of {@code Status}) pays for it.
     */
    private static final Status CREATED = Status.success(201);
    private static final byte[] CREATED_COMPACT =
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}"
                    .getBytes(StandardCharsets.UTF_8);

    private Responses() {
    }

    static ApiResponse status(Exchange x, Status status) {
        return json(x, status.code(), status);
    }

    /** {@code body} as JSON, with the request's warnings. */
    static ApiResponse json(Exchange x, int code, Object body) {
        return bytes(x, code, ApiResponse.JSON, render(body, pretty(x)));
    }

    /** {@code body} as it is, with the request's warnings. */
    static ApiResponse bytes(Exchange x, int code, String contentType, byte[] body) {
        List<ApiResponse.Header> headers = new ArrayList<>(x.warnings().size());
        for (String w : x.warnings()) {
            headers.add(new ApiResponse.Header("Warning", warningHeader(w)));
        }
        return new ApiResponse(code, contentType, body, headers);
    }

    /** A Status alone, compact, for a request the API could not take in at all. */
    public static ApiResponse status(Status status) {
        return new ApiResponse(status.code(), ApiResponse.JSON, render(status, false), List.of());
    }

    /**
     * {@code 299 - "<text>"}, as the API server's warning recorder writes it: the text quoted, {@code "}
     * and backslash escaped; characters outside printable ASCII as a backslash, {@code u} and four hex digits,
     * so that the header stays ASCII whatever the body held.
     */
    static String warningHeader(String text) {
        StringBuilder b = new StringBuilder("299 - \"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public static byte[] render(Object body, boolean pretty) {
        if (!pretty && isCreated(body)) {
            return CREATED_COMPACT.clone(); // a copy: the caller owns what it gets
        }
        try {
            if (pretty) {
                return (PRETTY.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
            }
            return COMPACT.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code body} is the compact rendering of a mapping's 201 ({@link #render} of {@link #CREATED}). */
    public static boolean isCreated(byte[] body) {
        return Arrays.equals(body, CREATED_COMPACT);
    }

    /**
     * Whether {@code body} is {@link #CREATED}, field by field: a record's own {@code equals} is bootstrapped by
     * {@code invokedynamic} at its first call, about 20 ms of a cold start here (async-profiler).
     */
    private static boolean isCreated(Object body) {
        return body instanceof Status s && s.code() == CREATED.code() && CREATED.status().equals(s.status())
                && CREATED.kind().equals(s.kind()) && CREATED.apiVersion().equals(s.apiVersion())
                && s.metadata() != null && s.metadata().isEmpty()
                && s.message() == null && s.reason() == null && s.details() == null;
    }

    /**
     * {@code pretty} as the API server reads it: a non-empty value as Go's {@code strconv.ParseBool}
     * (unparsable: false); absent or empty, pretty for User-Agents starting with {@code curl},
     * {@code Wget} or {@code Mozilla/5.0} (case matters).
     */
    static boolean pretty(Exchange x) {
        String pretty = x.request().query().first("pretty");
        if (pretty != null && !pretty.isEmpty()) {
            switch (pretty) {
                case "1", "t", "T", "true", "TRUE", "True":
                    return true;
                default:
                    return false;
            }
        }
        String agent = x.header("User-Agent");
        if (agent == null) {
            return false;
        }
        return agent.startsWith("curl") || agent.startsWith("Wget") || agent.startsWith("Mozilla/5.0");
    }

    /** Go's {@code json.MarshalIndent(v, "", "  ")}: {@code "key": value}, one element a line, {@code {}} when empty. */
    private static final class GoIndent extends DefaultPrettyPrinter {
        GoIndent() {
            super(DefaultPrettyPrinter.DEFAULT_ROOT_VALUE_SEPARATOR);
            Separators separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
            withSeparators(separators);
            _objectFieldValueSeparatorWithSpaces = ": ";
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            _objectIndenter = indenter;
            _arrayIndenter = indenter;
        }

        GoIndent(GoIndent base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new GoIndent(this);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            close(g, _objectIndenter, entries, '}');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            close(g, _arrayIndenter, values, ']');
        }

        /** The closing bracket: on a line of its own after elements, right after the opening one when empty. */
        private void close(JsonGenerator g, Indenter indenter, int elements, char bracket) throws IOException {
            _nesting--;
            if (elements > 0) {
                indenter.writeIndentation(g, _nesting);
            }
            g.writeRaw(bracket);
        }
    }
}
