package dev.ism.function.access;

import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Response;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.ism.function.access.Access.EXAMPLE_FORBIDDEN;
import static dev.ism.function.access.Access.UNAUTHORIZED;
import static dev.ism.function.access.Access.assertJson;
import static dev.ism.function.access.Access.forbidden;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 4, order of processing (BEHAVIOUR.md section 1): authentication before anything else,
 * authorization before the body is read. Requests that would fail later (malformed JSON, an invalid
 * mapping, a missing stream, a bad Content-Type, a too-large body, {@code ?dryRun=bad}, a method the
 * collection does not allow) get 401 without credentials and 403 without the right, identical
 * whether the stream exists or not, and write nothing. The registry, which may, gets each request's
 * own error: the control that shows each request really is bad.
 *
 * <p>The function runs with the dev files (application-test.properties): {@code dev-nobody-token} may do
 * nothing, {@code dev-viewer-token} (user developer) may only read in myproject.
 */
class OrderOfChecksTest {

    private static final String NS = "myproject";
    private static final String EXISTING = "app";
    private static final String MISSING = "ghost";
    private static final int LIMIT = 3 * 1024 * 1024;

    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(Access.settings("access-order"));
        Access.createStream(api, Api.REGISTRY_TOKEN, NS, EXISTING);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** A bad request, and the code the registry (allowed) gets for it. */
    enum Bad {
        MALFORMED_JSON(400, "POST", "", "application/json") {
            @Override
            byte[] body(String stream) {
                return "{\"metadata\": {\"name\": \"".concat(stream).concat("\", ").getBytes(StandardCharsets.UTF_8);
            }
        },
        INVALID_MAPPING(422, "POST", "", "application/json") {
            @Override
            byte[] body(String stream) {
                return ("{\"metadata\":{\"name\":\"" + stream + "\"},\"tag\":\"\",\"image\":{\"metadata\":{},"
                        + "\"dockerImageReference\":\"NOT A REFERENCE\",\"dockerImageLayers\":[]}}").getBytes(StandardCharsets.UTF_8);
            }
        },
        MISSING_STREAM(404, "POST", "", "application/json") {
            @Override
            byte[] body(String stream) {
                return valid(MISSING);
            }
        },
        BAD_CONTENT_TYPE(415, "POST", "", "application/yaml") {
            @Override
            byte[] body(String stream) {
                return valid(stream);
            }
        },
        NO_CONTENT_TYPE_GARBAGE(400, "POST", "", null) {
            @Override
            byte[] body(String stream) {
                return new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2};
            }
        },
        TOO_LARGE(413, "POST", "", "application/json") {
            @Override
            byte[] body(String stream) {
                byte[] body = new byte[LIMIT + 1];
                Arrays.fill(body, (byte) ' ');
                byte[] valid = valid(stream);
                System.arraycopy(valid, 0, body, 0, valid.length);
                return body;
            }
        },
        DRY_RUN_BAD(422, "POST", "?dryRun=bad", "application/json") {
            @Override
            byte[] body(String stream) {
                return valid(stream);
            }
        },
        METHOD_NOT_ALLOWED(405, "PUT", "", "application/json") {
            @Override
            byte[] body(String stream) {
                return valid(stream);
            }
        };

        final int registryCode;
        final String method;
        final String query;
        final String contentType;

        Bad(int registryCode, String method, String query, String contentType) {
            this.registryCode = registryCode;
            this.method = method;
            this.query = query;
            this.contentType = contentType;
        }

        abstract byte[] body(String stream);

        static byte[] valid(String stream) {
            return Access.mapping(NS, stream, "latest", "order-" + stream).getBytes(StandardCharsets.UTF_8);
        }

        Response send(Api api, Via via, String token, String stream) {
            return api.send(via, method, Access.mappings(NS) + query, Access.headers(Access.bearer(token), contentType),
                    body(stream), false);
        }
    }

    /** Who is refused, and exactly how. */
    enum Caller {
        ANONYMOUS(null, 401),
        NOBODY(Api.NOBODY_TOKEN, 403),
        VIEWER(Api.VIEWER_TOKEN, 403);

        final String token;
        final int code;

        Caller(String token, int code) {
            this.token = token;
            this.code = code;
        }

        String expected(Bad bad) {
            if (this == ANONYMOUS) {
                return UNAUTHORIZED;
            }
            String verb = bad.method.equals("PUT") ? "update" : "create";
            if (this == VIEWER && verb.equals("create")) {
                return EXAMPLE_FORBIDDEN;
            }
            return forbidden(this == NOBODY ? "nobody" : "developer", verb, "imagestreammappings", NS, "");
        }
    }

    static Stream<Arguments> refused() {
        List<Arguments> out = new ArrayList<>();
        for (Via via : Via.values()) {
            for (Caller caller : Caller.values()) {
                for (Bad bad : Bad.values()) {
                    out.add(Arguments.of(via, caller, bad));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("refused")
    void refusedBeforeAnythingElse(Via via, Caller caller, Bad bad) {
        var before = api.scanAll();
        Response existing = bad.send(api, via, caller.token, EXISTING);
        Response missing = bad.send(api, via, caller.token, MISSING);
        assertEquals(caller.code, existing.code(), existing.body());
        assertEquals(caller.expected(bad), existing.body());
        assertJson(existing);
        assertEquals(existing.code(), missing.code(), "same answer whether the stream exists or not");
        assertEquals(existing.body(), missing.body(), "same answer whether the stream exists or not");
        assertEquals(existing.header("Content-Type"), missing.header("Content-Type"));
        assertEquals(before, api.scanAll(), "nothing written");
    }

    static Stream<Arguments> allowed() {
        return Access.viaTimes(List.of(Bad.values()));
    }

    /** The control: the registry may create mappings in myproject, and gets each request's own error. */
    @ParameterizedTest(name = "{0} registry {1}")
    @MethodSource("allowed")
    void registryGetsTheRequestsOwnError(Via via, Bad bad) {
        var before = api.scanAll();
        Response r = bad.send(api, via, Api.REGISTRY_TOKEN, EXISTING);
        assertEquals(bad.registryCode, r.code(), r.body());
        assertJson(r);
        assertEquals(before, api.scanAll(), "nothing written");
    }
}
