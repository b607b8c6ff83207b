package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ordered list of {@link Status.Cause}s worded as k8s.io/apimachinery {@code field.Error}s:
 * {@code Required value[: detail]}, {@code Invalid value: <json>: detail}, {@code Forbidden: detail},
 * {@code Too long: may not be more than N bytes}, {@code Unsupported value: <json>: supported values: ...}.
 *
 * <p>Bounded, so that a 422 stays small whatever the body: at most {@link #MAX_CAUSES} causes are kept
 * (the cap sigs.k8s.io/json puts on its strict-decoding errors), then one last cause counts the ones
 * left out; a value quoted in a message is cut after {@link #MAX_VALUE_CHARS} characters. Adding a
 * cause costs the same whatever the number already there; past the cap a cause is only counted.
 */
public final class FieldErrors {

    /** Causes kept in a Status; later ones are only counted. */
    public static final int MAX_CAUSES = 100;
    /** Characters of a rendered value kept in a message. */
    public static final int MAX_VALUE_CHARS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Status.Cause> causes = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long omitted;

    public void required(String field, String detail) {
        add("FieldValueRequired", detail.isEmpty() ? "Required value" : "Required value: " + detail, field);
    }

    public void invalid(String field, String value, String detail) {
        invalid(field, TextNode.valueOf(value), detail);
    }

    public void invalid(String field, JsonNode value, String detail) {
        if (full()) {
            omitted++;
            return;
        }
        add("FieldValueInvalid", "Invalid value: " + render(value) + ": " + detail, field);
    }

    public void forbidden(String field, String detail) {
        add("FieldValueForbidden", "Forbidden: " + detail, field);
    }

    public void tooLong(String field, long max) {
        add("FieldValueTooLong", "Too long: may not be more than " + max + " bytes", field);
    }

    public void notSupported(String field, JsonNode value, List<String> supported) {
        if (full()) {
            omitted++;
            return;
        }
        add("FieldValueNotSupported", "Unsupported value: " + render(value) + ": supported values: "
                + supported.stream().map(s -> render(TextNode.valueOf(s))).collect(Collectors.joining(", ")), field);
    }

    /** Adds a cause unless the same one (field, reason and message) is already there. */
    public void add(String reason, String message, String field) {
        if (full()) {
            omitted++;
        } else if (seen.add(field + '\u0000' + reason + '\u0000' + message)) {
            causes.add(new Status.Cause(reason, message, field));
        }
    }

    private boolean full() {
        return causes.size() >= MAX_CAUSES;
    }

    public boolean isEmpty() {
        return causes.isEmpty();
    }

    /** The causes, and when some were left out, a last one saying how many. */
    public List<Status.Cause> causes() {
        if (omitted == 0) {
            return List.copyOf(causes);
        }
        List<Status.Cause> all = new ArrayList<>(causes);
        all.add(new Status.Cause("FieldValueTooMany", "Too many: " + omitted + " more errors were not listed: at most "
                + MAX_CAUSES + " are reported", null));
        return List.copyOf(all);
    }

    /** A value as the messages quote it: JSON, cut after {@link #MAX_VALUE_CHARS} characters (never more work). */
    static String render(JsonNode value) {
        BoundedWriter out = new BoundedWriter(MAX_VALUE_CHARS);
        try {
            JSON.writeValue(out, value);
        } catch (BoundedWriter.Full full) {
            return out.text() + "...";
        } catch (IOException e) {
            return value.getNodeType().toString();
        }
        return out.text();
    }

    /** Keeps the first {@code max} characters written, then refuses more, ending the serialization. */
    private static final class BoundedWriter extends Writer {
        static final class Full extends IOException {
            Full() {
                super(null, null);
            }
        }

        private final StringBuilder b = new StringBuilder();
        private final int max;

        BoundedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            int room = max - b.length();
            if (len > room) {
                b.append(cbuf, off, room);
                throw new Full();
            }
            b.append(cbuf, off, len);
        }

        /** What was kept, never ending inside a surrogate pair. */
        String text() {
            int n = b.length();
            return n > 0 && Character.isHighSurrogate(b.charAt(n - 1)) ? b.substring(0, n - 1) : b.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
