package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.RawHttp;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ism.function.support.LogWatch;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the HTTP layer itself must refuse, sent over a raw socket as the bytes given: each is
 * answered with a Kubernetes Status (never Micronaut's own error body, never a 500), and nothing of
 * it reaches a controller.
 */
class HttpEdgeTest {

    private static final Api API = Api.shared();
    private static final URI SERVER = API.url();
    private static final String TOKEN = "Authorization: Bearer " + Api.REGISTRY_TOKEN;

    private static JsonNode assertStatus(RawHttp.Response r, int code) {
        assertEquals(code, r.code(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.headers().toString());
        JsonNode status = new Api.Response(r.code(), r.headers(), r.body()).json();
        assertEquals("Status", status.path("kind").asText(), r.body());
        assertEquals("v1", status.path("apiVersion").asText(), r.body());
        assertEquals("Failure", status.path("status").asText(), r.body());
        assertEquals(code, status.path("code").asInt(), r.body());
        assertTrue(!r.body().contains("_links") && !r.body().contains("Exception"), r.body());
        return status;
    }

    private static RawHttp.Response send(String line, String... headers) {
        return RawHttp.exchange(SERVER, RawHttp.head(SERVER, line, headers));
    }

    @Test
    void aRequestLineOver4KiBIs414() {
        String path = E2e.stream("edge", "x".repeat(5000));
        JsonNode s = assertStatus(send("GET " + path + " HTTP/1.1", TOKEN), 414);
        assertTrue(s.path("message").asText().contains("4096"), s.toString());
    }

    @Test
    void aRequestLineJustUnderTheLimitIsServed() {
        String prefix = "GET " + E2e.stream("edge", "") + " HTTP/1.1";
        String path = E2e.stream("edge", "y".repeat(4000 - prefix.length()));
        assertStatus(send("GET " + path + " HTTP/1.1", TOKEN), 404);
    }

    @Test
    void headersOver8KiBAre431() {
        JsonNode s = assertStatus(send("GET " + E2e.streams("edge") + " HTTP/1.1", TOKEN, "X-Padding: " + "p".repeat(9000)), 431);
        assertTrue(s.path("message").asText().contains("8192"), s.toString());
    }

    @Test
    void aMegabyteBearerTokenIs431OverHttp() {
        assertStatus(send("GET " + E2e.streams("edge") + " HTTP/1.1", "Authorization: Bearer " + "t".repeat(1 << 20)), 431);
    }

    @Test
    void aGarbageRequestLineIs400() {
        assertEquals("BadRequest", assertStatus(RawHttp.exchange(SERVER, "GARBAGE\r\n\r\n"), 400).path("reason").asText());
        assertStatus(RawHttp.exchange(SERVER, "GET\r\nHost: x\r\n\r\n"), 400);
        assertStatus(RawHttp.exchange(SERVER, "\u0001\u0002 / HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
    }

    @Test
    void anEmptyOrRelativePathIs400() {
        assertStatus(send("GET  HTTP/1.1", TOKEN), 400);
        assertStatus(send("GET apis/image.openshift.io/v1 HTTP/1.1", TOKEN), 400);
        assertStatus(send("GET ?x=1 HTTP/1.1", TOKEN), 400);
    }

    @Test
    void aDuplicateContentLengthIs400() {
        String ns = Api.unique("edge");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertStatus(RawHttp.exchange(SERVER, RawHttp.head(SERVER, "POST " + E2e.mappings(ns) + " HTTP/1.1", TOKEN,
                "Content-Type: application/json", "Content-Length: 2", "Content-Length: 3") + "{}"), 400);
        assertStatus(RawHttp.exchange(SERVER, RawHttp.head(SERVER, "POST " + E2e.mappings(ns) + " HTTP/1.1", TOKEN,
                "Content-Type: application/json", "Content-Length: 2", "Content-Length: 2") + new String(body, StandardCharsets.UTF_8)), 400);
    }

    @Test
    void aUriTheFrameworkCannotParseIs400EvenWithAValidToken() {
        for (String bad : new String[]{"\\", "{", "|", "%zz", "^"}) {
            assertStatus(send("GET " + E2e.stream("edge", "a" + bad + "b") + " HTTP/1.1", TOKEN), 400);
        }
    }

    @Test
    void anAbsoluteFormTargetIsServed() {
        String ns = Api.unique("edge");
        RawHttp.Response r = send("GET http://" + SERVER.getHost() + ":" + SERVER.getPort() + E2e.streams(ns) + " HTTP/1.1", TOKEN);
        assertEquals(200, r.code(), r.body());
    }

    @Test
    void theServerStillServesAfterRefusals() {
        aGarbageRequestLineIs400();
        RawHttp.Response r = send("GET " + E2e.streams(Api.unique("edge")) + " HTTP/1.1", TOKEN, "Connection: close");
        assertEquals(200, r.code(), r.body());
    }

    /** A client that goes away in the middle of its body is no fault of ours: one line, no stack trace, not ERROR. */
    @Test
    void aClientGoneMidBodyIsNotAnInternalError() throws Exception {
        String ns = Api.unique("edge");
        try (LogWatch log = new LogWatch()) {
            try (Socket socket = new Socket(SERVER.getHost(), SERVER.getPort())) {
                socket.getOutputStream().write(RawHttp.head(SERVER, "POST " + E2e.mappings(ns) + " HTTP/1.1", TOKEN,
                        "Content-Type: application/json", "Content-Length: 100000").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write("{\"metadata\":{\"name\":\"ruby\"".getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            }
            ILoggingEvent gone = log.await(e -> e.getFormattedMessage().contains("client went away"), Duration.ofSeconds(20));
            assertEquals(null, gone.getThrowableProxy());
            for (ILoggingEvent e : log.events()) {
                // (Micronaut 4.10 may log a WARN "Failed to build error response" here: an AssertionError of its
                // BaseSharedBuffer, raised only because tests run with -ea; without it nothing is logged)
                assertTrue(!e.getLoggerName().startsWith("dev.ism") || e.getLevel().toInt() < Level.WARN_INT,
                        e.getLevel() + " " + e.getFormattedMessage());
                assertTrue(e.getLevel().toInt() < Level.ERROR_INT, e.getLevel() + " " + e.getFormattedMessage());
            }
        }
    }
}
