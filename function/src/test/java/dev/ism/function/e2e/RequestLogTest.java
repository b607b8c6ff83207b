package dev.ism.function.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ism.function.e2e.E2e.bytes;
import static dev.ism.function.e2e.E2e.headers;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One log line per request ({@code dev.ism.function.requests}): request id, method, path,
 * namespace, stream, tag, status, duration. Nothing logged anywhere (every logger is captured)
 * carries a token or any part of a body.
 */
class RequestLogTest {

    private static final Api API = Api.shared();
    private static final String REQUESTS = "dev.ism.function.requests";
    private static final Pattern LINE = Pattern.compile(
            "request_id=(\\S+) lambda_request_id=(\\S+) method=(\\S+) path=(\\S+) namespace=(\\S+) stream=(\\S+) tag=(\\S+) status=(\\d{3}) duration_ms=(\\d+\\.\\d)");

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        appender.stop();
    }

    private record Line(String requestId, String lambdaRequestId, String method, String path, String namespace, String stream, String tag, int status) {
    }

    /** The request lines about {@code ns}. */
    private List<Line> lines(String ns) {
        List<Line> lines = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            if (e.getLoggerName().equals(REQUESTS)) {
                Matcher m = LINE.matcher(e.getFormattedMessage());
                assertTrue(m.matches(), e.getFormattedMessage());
                if (m.group(4).contains("/" + ns + "/")) {
                    lines.add(new Line(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7),
                            Integer.parseInt(m.group(8))));
                }
            }
        }
        return lines;
    }

    /** Every text logged since the test began: messages, arguments, exceptions, MDC. */
    private List<String> everything() {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            texts.add(e.getFormattedMessage());
            texts.add(String.valueOf(e.getMDCPropertyMap()));
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return texts;
    }

    private void assertNeverLogged(String secret) {
        for (String text : everything()) {
            assertFalse(text != null && text.contains(secret), "logged: " + text);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void oneLinePerMappingWithWhatItWasAbout(Via via) {
        String ns = Api.unique("log");
        API.createStream(ns, "ruby");
        String marker = "body-marker-" + ns;
        ObjectNode m = mapping(ns, "ruby", "v1.2", "logged" + ns);
        ((ObjectNode) image(m).get("metadata")).putObject("annotations").put("example.com/secret", marker);
        Map<String, String> h = headers(Api.REGISTRY_TOKEN, "application/json");
        String requestId = "e2e-" + ns;
        h.put("X-Request-Id", requestId);
        appender.list.clear();

        Api.Response r = API.send(via, "POST", mappings(ns), h, bytes(m), false);
        assertEquals(201, r.code(), r.body());

        List<Line> lines = lines(ns);
        assertEquals(1, lines.size(), lines.toString());
        Line line = lines.get(0);
        assertEquals("POST", line.method());
        assertEquals(mappings(ns), line.path());
        assertEquals(ns, line.namespace());
        assertEquals("ruby", line.stream());
        assertEquals("v1.2", line.tag());
        assertEquals(201, line.status());
        if (via == Via.HTTP) {
            assertEquals(requestId, line.requestId());
            assertEquals("-", line.lambdaRequestId());
        } else {
            // API Gateway's request id (requestContext.requestId) wins over a client's header
            assertTrue(line.requestId().matches("[0-9a-f-]{36}"), line.requestId());
            // and the Lambda invocation's own request id is there too
            assertEquals(API.lastAwsRequestId(), line.lambdaRequestId());
        }
        assertNeverLogged(Api.REGISTRY_TOKEN);
        assertNeverLogged(marker);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void failuresAreLoggedTooWithoutTokenOrBody(Via via) {
        String ns = Api.unique("log");
        API.createStream(ns, "ruby");
        String marker = "body-marker-" + ns;
        String badToken = "not-a-token-" + ns;
        appender.list.clear();

        // 401: an unknown token
        ObjectNode m = mapping(ns, "ruby", "latest", "failing" + ns);
        m.put("secretField", marker);
        assertEquals(401, API.send(via, "POST", mappings(ns), headers(badToken, "application/json"), bytes(m), false).code());
        // 400: a malformed body starting with the marker (the answer quotes it, the log must not)
        assertEquals(400, API.send(via, "POST", mappings(ns), headers(Api.REGISTRY_TOKEN, "application/json"),
                ("{\"" + marker + "\":").getBytes(StandardCharsets.UTF_8), false).code());
        // 422: an invalid body carrying the marker
        ObjectNode invalid = mapping(ns, "ruby", "", "invalid" + ns);
        image(invalid).put("dockerImageReference", marker.toUpperCase());
        assertEquals(422, API.send(via, "POST", mappings(ns), headers(Api.REGISTRY_TOKEN, "application/json"), bytes(invalid), false).code());
        // 404: a missing stream
        assertEquals(404, API.send(via, "POST", mappings(ns), headers(Api.REGISTRY_TOKEN, "application/json"),
                bytes(mapping(ns, "missing", "t", "missing" + ns)), false).code());
        // a GET
        assertEquals(200, API.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "ruby")).code());

        List<Line> lines = lines(ns);
        assertEquals(List.of(401, 400, 422, 404, 200), lines.stream().map(Line::status).toList(), lines.toString());
        assertEquals(List.of("POST", "POST", "POST", "POST", "GET"), lines.stream().map(Line::method).toList());
        lines.forEach(l -> assertEquals(ns, l.namespace(), l.toString()));
        assertEquals("missing", lines.get(3).stream());
        assertEquals("t", lines.get(3).tag());
        assertEquals("ruby", lines.get(4).stream());
        assertNeverLogged(badToken);
        assertNeverLogged(Api.REGISTRY_TOKEN);
        assertNeverLogged(marker);
        assertNeverLogged(marker.toUpperCase());
    }
}
