package dev.ism.function.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway event JSON, as API Gateway sends it to a Lambda proxy integration: HTTP API payload
 * 2.0 (lower-case headers, {@code rawQueryString}, repeated query values joined by commas, a
 * {@code requestContext.http} block) and REST API payload 1.0 (single and multi-value headers and
 * query parameters, {@code {proxy+}} resource, {@code requestContext.identity}).
 */
public final class LambdaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String API_ID = "a1b2c3d4e5";
    static final String ACCOUNT = "123456789012";
    static final String SOURCE_IP = "203.0.113.10";
    private static final DateTimeFormatter V2_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private LambdaEvents() {
    }

    public static String v2(String method, String pathAndQuery, Map<String, String> headers, byte[] body, boolean base64) {
        String path = path(pathAndQuery);
        String query = query(pathAndQuery);
        Instant now = Instant.now();
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        e.put("rawPath", path);
        e.put("rawQueryString", query);
        ObjectNode h = e.putObject("headers");
        h.put("accept", "*/*");
        h.put("host", API_ID + ".execute-api.eu-west-1.amazonaws.com");
        h.put("x-amzn-trace-id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        h.put("x-forwarded-for", SOURCE_IP);
        h.put("x-forwarded-port", "443");
        h.put("x-forwarded-proto", "https");
        if (body != null) {
            h.put("content-length", Integer.toString(body.length));
        }
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, List<String>> params = parameters(query);
        if (!params.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            params.forEach((k, v) -> q.put(k, String.join(",", v)));
        }
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", ACCOUNT);
        rc.put("apiId", API_ID);
        rc.put("domainName", API_ID + ".execute-api.eu-west-1.amazonaws.com");
        rc.put("domainPrefix", API_ID);
        ObjectNode http = rc.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", SOURCE_IP);
        http.put("userAgent", headers.getOrDefault("User-Agent", "ism-tests/1.0"));
        rc.put("requestId", requestId());
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", V2_TIME.format(now));
        rc.put("timeEpoch", now.toEpochMilli());
        body(e, body, base64);
        return write(e);
    }

    public static String v1(String method, String pathAndQuery, Map<String, String> headers, byte[] body, boolean base64) {
        String path = path(pathAndQuery);
        Map<String, List<String>> params = parameters(query(pathAndQuery));
        Instant now = Instant.now();
        ObjectNode e = JSON.createObjectNode();
        e.put("resource", "/{proxy+}");
        e.put("path", path);
        e.put("httpMethod", method);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", "*/*");
        all.put("Host", API_ID + ".execute-api.eu-west-1.amazonaws.com");
        all.put("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        all.put("X-Forwarded-For", SOURCE_IP);
        all.put("X-Forwarded-Port", "443");
        all.put("X-Forwarded-Proto", "https");
        all.putAll(headers);
        ObjectNode h = e.putObject("headers");
        ObjectNode mh = e.putObject("multiValueHeaders");
        all.forEach((k, v) -> {
            h.put(k, v);
            mh.putArray(k).add(v);
        });
        if (params.isEmpty()) {
            e.putNull("queryStringParameters");
            e.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode q = e.putObject("queryStringParameters");
            ObjectNode mq = e.putObject("multiValueQueryStringParameters");
            params.forEach((k, v) -> {
                q.put(k, v.get(v.size() - 1));
                ArrayNode a = mq.putArray(k);
                v.forEach(a::add);
            });
        }
        e.putObject("pathParameters").put("proxy", path.substring(1));
        e.putNull("stageVariables");
        ObjectNode rc = e.putObject("requestContext");
        rc.put("resourceId", "x1y2z3");
        rc.put("resourcePath", "/{proxy+}");
        rc.put("httpMethod", method);
        rc.put("extendedRequestId", "Ab1Cd2Ef3Gh4=");
        rc.put("requestTime", V2_TIME.format(now));
        rc.put("path", "/prod" + path);
        rc.put("accountId", ACCOUNT);
        rc.put("protocol", "HTTP/1.1");
        rc.put("stage", "prod");
        rc.put("domainPrefix", API_ID);
        rc.put("requestTimeEpoch", now.toEpochMilli());
        rc.put("requestId", requestId());
        ObjectNode id = rc.putObject("identity");
        id.put("sourceIp", SOURCE_IP);
        id.put("userAgent", headers.getOrDefault("User-Agent", "ism-tests/1.0"));
        rc.put("domainName", API_ID + ".execute-api.eu-west-1.amazonaws.com");
        rc.put("apiId", API_ID);
        body(e, body, base64);
        return write(e);
    }

    private static void body(ObjectNode e, byte[] body, boolean base64) {
        if (body == null) {
            e.putNull("body");
            e.put("isBase64Encoded", false);
        } else if (base64) {
            e.put("body", Base64.getEncoder().encodeToString(body));
            e.put("isBase64Encoded", true);
        } else {
            e.put("body", new String(body, StandardCharsets.UTF_8));
            e.put("isBase64Encoded", false);
        }
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    static String query(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? "" : pathAndQuery.substring(q + 1);
    }

    static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }

    private static String write(ObjectNode e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
