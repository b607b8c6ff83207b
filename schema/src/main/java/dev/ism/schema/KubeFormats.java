package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.ValidationContext;

import java.util.Base64;
import java.util.List;

/**
 * The Kubernetes OpenAPI formats, as strict as the API server's Go decoder: {@code int64} and
 * {@code int32} (integral and in range: 1.0 or 2^63 are refused), {@code byte} (standard padded
 * base64; line breaks ignored, as Go's decoder does) and {@code date-time} ({@code metav1.Time}: RFC 3339 as
 * Go's {@code time.Parse} reads it, {@link GoTime}).
 * Each also names, for a 400 message, what the Go decoder would have said.
 */
final class KubeFormats {

    private KubeFormats() {
    }

    static final Format INT64 = new NodeFormat("int64") {
        @Override
        boolean accepts(JsonNode n) {
            return n.isIntegralNumber() && n.canConvertToLong();
        }
    };

    static final Format INT32 = new NodeFormat("int32") {
        @Override
        boolean accepts(JsonNode n) {
            return n.isIntegralNumber() && n.canConvertToInt();
        }
    };

    static final Format BYTE = new NodeFormat("byte") {
        @Override
        boolean accepts(JsonNode n) {
            String s = n.textValue().replace("\r", "").replace("\n", "");
            if (s.length() % 4 != 0) {
                return false;
            }
            try {
                Base64.getDecoder().decode(s);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    };

    static final Format DATE_TIME = new NodeFormat("date-time") {
        @Override
        boolean accepts(JsonNode n) {
            return GoTime.isRfc3339(n.textValue());
        }
    };

    static final List<Format> ALL = List.of(INT64, INT32, BYTE, DATE_TIME);

    /** A format that decides on the JSON node itself (numbers included), never on its text alone. */
    private abstract static class NodeFormat implements Format {
        private final String name;

        NodeFormat(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        /** Called only for nodes of the schema's type (a mismatched type is reported by {@code type}). */
        abstract boolean accepts(JsonNode node);

        @Override
        public boolean matches(ExecutionContext ec, ValidationContext vc, JsonNode value) {
            boolean numeric = name.startsWith("int");
            if (numeric ? !value.isNumber() : !value.isTextual()) {
                return true;
            }
            return accepts(value);
        }
    }
}
