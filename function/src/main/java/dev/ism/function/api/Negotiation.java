package dev.ism.function.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The response format an {@code Accept} header asks for, as kube-apiserver negotiates it
 * ({@code negotiation.NegotiateOutputMediaType}): clauses in order of their q-value (ties keep their
 * order, q=0 never chosen); {@code application/json}, {@code application/*} and {@code *}{@code /*}
 * mean JSON; {@code as}, {@code g}, {@code v} ask for a conversion, which the endpoint must allow
 * (here only a {@code meta.k8s.io/v1 Table} on reads of image streams); a non-empty {@code stream}
 * is refused; other parameters are ignored. No header, or an empty one, is JSON.
 * <b>Ours:</b> JSON is the only media type (no YAML, no protobuf).
 */
public final class Negotiation {

    /** What to answer with. */
    public enum Output { JSON, TABLE, OPENAPI_V2_PROTOBUF }

    public static final String PRODUCED = "application/json";
    /**
     * The protobuf form of {@code /openapi/v2}, the one client-go's discovery asks for, in its two
     * spellings; the second (a valid MIME type, which Go's parser needs) is the response's Content-Type,
     * as kube-openapi answers.
     */
    public static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    public static final String OPENAPI_V2_PROTOBUF_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /** What an endpoint may answer besides plain JSON. */
    public enum Endpoint { JSON_ONLY, TABLE_READS, OPENAPI_V2 }

    private record Clause(String type, String subtype, Map<String, String> params, double q) {
    }

    private Negotiation() {
    }

    /**
     * @param endpoint what the endpoint may answer besides JSON
     * @return the output, or null when nothing acceptable can be produced (406)
     */
    public static Output negotiate(String accept, Endpoint endpoint) {
        if (accept == null || accept.isBlank()) {
            return Output.JSON;
        }
        List<Clause> clauses = parse(accept);
        clauses.sort(Comparator.comparingDouble(Clause::q).reversed());
        for (Clause c : clauses) {
            if (c.q() > 0 && endpoint == Endpoint.OPENAPI_V2
                    && (OPENAPI_V2_PROTOBUF.equals(c.type() + "/" + c.subtype())
                    || OPENAPI_V2_PROTOBUF_TYPE.equals(c.type() + "/" + c.subtype()))) {
                return Output.OPENAPI_V2_PROTOBUF;
            }
            if (c.q() <= 0 || !matchesJson(c)) {
                continue;
            }
            String stream = c.params().get("stream");
            if (stream != null && !stream.isEmpty()) {
                continue;
            }
            String as = c.params().get("as");
            if (as == null && !c.params().containsKey("g") && !c.params().containsKey("v")) {
                return Output.JSON;
            }
            if (endpoint == Endpoint.TABLE_READS && "Table".equals(as) && "meta.k8s.io".equals(c.params().get("g"))
                    && "v1".equals(c.params().get("v"))) {
                return Output.TABLE;
            }
        }
        return null;
    }

    private static boolean matchesJson(Clause c) {
        return c.type().equals("*") && c.subtype().equals("*")
                || c.type().equals("application") && (c.subtype().equals("*") || c.subtype().equals("json"));
    }

    /** goautoneg's {@code ParseAccept}: {@code type/subtype;k=v;q=0.5}, comma separated, lenient. */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            String range = pieces[0].trim().toLowerCase(Locale.ROOT);
            int slash = range.indexOf('/');
            String type = slash < 0 ? range : range.substring(0, slash);
            String subtype = slash < 0 ? "*" : range.substring(slash + 1);
            if (type.isEmpty()) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = p.substring(0, eq).trim();
                String value = p.substring(eq + 1).trim();
                if (key.equals("q")) {
                    q = quality(value);
                } else {
                    params.put(key, value);
                }
            }
            clauses.add(new Clause(type, subtype, params, q));
        }
        return clauses;
    }

    private static double quality(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
