package dev.ism.function.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.ApiPaths;
import dev.ism.function.support.Api.Response;
import dev.ism.function.support.Api.Via;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the access tests share: paths, bodies, policy and token files, and the exact refusals. */
final class Access extends ApiPaths {

    /** The OIDC client id (audience) the access tests configure. */
    static final String CLIENT = "ism-function";

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP = "image.openshift.io";
    static final String BASE = Api.BASE;

    /** {@code examples/response-401-unauthorized.json}, compact, as the function answers. */
    static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

    /** {@code examples/response-403-forbidden.json}, compact: user developer, create mappings in myproject. */
    static final String EXAMPLE_FORBIDDEN = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"imagestreammappings.image.openshift.io is forbidden: User \\\"developer\\\" cannot create resource"
            + " \\\"imagestreammappings\\\" in API group \\\"image.openshift.io\\\" in the namespace \\\"myproject\\\"\","
            + "\"reason\":\"Forbidden\",\"details\":{\"group\":\"image.openshift.io\",\"kind\":\"imagestreammappings\"},\"code\":403}";

    private Access() {
    }

    // ------------------------------------------------------------------------------------ paths





    // ------------------------------------------------------------------------------------ bodies


    /** A small valid mapping of an external image {@code digest(seed)}. */
    static String mapping(String ns, String stream, String tag, String seed) {
        String d = digest(seed);
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", "ImageStreamMapping");
        m.put("apiVersion", "image.openshift.io/v1");
        m.putObject("metadata").put("name", stream).put("namespace", ns);
        ObjectNode image = m.putObject("image");
        image.putObject("metadata").put("name", d);
        image.put("dockerImageReference", "quay.io/access/" + stream + "@" + d);
        image.putArray("dockerImageLayers");
        m.put("tag", tag);
        return m.toString();
    }

    static String streamBody(String name) {
        return "{\"kind\":\"ImageStream\",\"apiVersion\":\"image.openshift.io/v1\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    // ------------------------------------------------------------------------------------ requests

    /** Headers with {@code Authorization} set to {@code authorization} as is (null: no header). */
    static Map<String, String> headers(String authorization, String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        return h;
    }

    static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    static Response post(Api api, Via via, String token, String path, String body) {
        return api.send(via, "POST", path, headers(bearer(token), "application/json"),
                body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Response get(Api api, Via via, String token, String path) {
        return api.send(via, "GET", path, headers(bearer(token), null), null, false);
    }

    static void createStream(Api api, String token, String ns, String name) {
        expect(201, post(api, Via.HTTP, token, streams(ns), streamBody(name)));
    }

    static void createMapping(Api api, String token, String ns, String stream, String tag, String seed) {
        expect(201, post(api, Via.HTTP, token, mappings(ns), mapping(ns, stream, tag, seed)));
    }

    // ------------------------------------------------------------------------------------ assertions

    static Response expect(int code, Response r) {
        assertEquals(code, r.code(), () -> "HTTP " + r.code() + ": " + r.body());
        return r;
    }

    static void assertUnauthorized(Response r) {
        assertEquals(401, r.code(), r.body());
        assertEquals(UNAUTHORIZED, r.body());
        assertJson(r);
    }

    static void assertForbidden(String expectedBody, Response r) {
        assertEquals(403, r.code(), r.body());
        assertEquals(expectedBody, r.body());
        assertJson(r);
    }

    static void assertJson(Response r) {
        String type = r.header("Content-Type");
        assertTrue(type != null && type.startsWith("application/json"), "Content-Type " + type);
    }

    /**
     * The 403 body of kube-apiserver for {@code verb} on {@code resource} of {@code image.openshift.io}
     * ({@code responsewriters.forbiddenMessage} and {@code errors.NewForbidden}): the name, when the
     * request has one, in the message and the details; {@code at the cluster scope} without a namespace.
     */
    static String forbidden(String user, String verb, String resource, String ns, String name) {
        String message = resource + "." + GROUP + (name.isEmpty() ? "" : " \"" + name + "\"")
                + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \"" + resource
                + "\" in API group \"" + GROUP + "\""
                + (ns.isEmpty() ? " at the cluster scope" : " in the namespace \"" + ns + "\"");
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", "Forbidden");
        ObjectNode details = s.putObject("details");
        if (!name.isEmpty()) {
            details.put("name", name);
        }
        details.put("group", GROUP);
        details.put("kind", resource);
        s.put("code", 403);
        return s.toString();
    }

    // ------------------------------------------------------------------------------------ files

    /** One ABAC {@code Policy} line. {@code fields}: spec key, value pairs (a Boolean for readonly). */
    static String rule(Object... fields) {
        ObjectNode line = JSON.createObjectNode();
        line.put("apiVersion", "abac.authorization.kubernetes.io/v1beta1");
        line.put("kind", "Policy");
        ObjectNode spec = line.putObject("spec");
        for (int i = 0; i < fields.length; i += 2) {
            Object value = fields[i + 1];
            if (value instanceof Boolean b) {
                spec.put((String) fields[i], b);
            } else {
                spec.put((String) fields[i], (String) value);
            }
        }
        return line.toString();
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of an {@link Api} of one test class: its own table, and {@code more} (key, value pairs). */
    static Map<String, Object> settings(String table, Object... more) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ism.dynamodb.table-name", table);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    static List<Via> vias() {
        return List.of(Via.values());
    }

    /** Every combination of a way in and one of {@code cases}, as JUnit arguments. */
    static Stream<org.junit.jupiter.params.provider.Arguments> viaTimes(List<?> cases) {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (Via via : Via.values()) {
            for (Object c : cases) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(via, c));
            }
        }
        return out.stream();
    }
}
