package dev.ism.contracts.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.schema.Status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A small typed client of the ImageStreamMapping API and its companion ImageStream endpoints, on
 * {@code java.net.http} and Jackson.
 *
 * <p>Every call returns an {@link ApiResponse} for a 2xx answer and throws {@link ApiException} (HTTP
 * code plus the parsed Kubernetes {@link Status}) otherwise, except {@link #sendRaw}, which returns
 * whatever came back. Transport failures throw {@link ApiTransportException}. Instances are immutable
 * and thread-safe.
 */
public final class ImageStreamMappingClient {

    /** The API group/version prefix of every path. */
    public static final String API_PREFIX = "/apis/image.openshift.io/v1";
    public static final String JSON = "application/json";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "ism-contracts-client";

    private final String base;
    private final String bearerToken;
    private final HttpClient http;
    private final ObjectMapper mapper;

    /**
     * @param baseUrl     the API's base URL, e.g. {@code https://ism.example.com} (a path prefix such as
     *                    a stage name is kept)
     * @param bearerToken sent as {@code Authorization: Bearer <token>}; {@code null} or blank sends none
     */
    public ImageStreamMappingClient(URI baseUrl, String bearerToken) {
        this(baseUrl, bearerToken, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build());
    }

    /** As {@link #ImageStreamMappingClient(URI, String)}, on a caller-configured {@link HttpClient} (TLS, proxy). */
    public ImageStreamMappingClient(URI baseUrl, String bearerToken, HttpClient httpClient) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String b = baseUrl.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = b;
        this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
        this.http = Objects.requireNonNull(httpClient, "httpClient");
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * {@code POST .../namespaces/{namespace}/imagestreammappings}, with {@code ?dryRun=All} when
     * {@code dryRun}. Success is {@code 201} with a {@code Success} Status.
     */
    public ApiResponse createMapping(String namespace, JsonNode mappingBody, boolean dryRun) {
        Objects.requireNonNull(mappingBody, "mappingBody");
        String path = namespaced(namespace, "imagestreammappings") + (dryRun ? "?dryRun=All" : "");
        return expectSuccess("create imagestreammapping", send("POST", path, JSON, toBytes(mappingBody)));
    }

    /** {@code POST .../namespaces/{namespace}/imagestreams} with an empty ImageStream named {@code name}. */
    public ApiResponse createImageStream(String namespace, String name) {
        ObjectNode stream = mapper.createObjectNode()
                .put("kind", "ImageStream")
                .put("apiVersion", "image.openshift.io/v1");
        stream.putObject("metadata").put("name", requireText(name, "name"));
        return expectSuccess("create imagestream", send("POST", namespaced(namespace, "imagestreams"), JSON, toBytes(stream)));
    }

    /** {@code GET .../namespaces/{namespace}/imagestreams/{name}}. */
    public ApiResponse getImageStream(String namespace, String name) {
        String path = namespaced(namespace, "imagestreams") + "/" + segment(requireText(name, "name"));
        return expectSuccess("get imagestream", send("GET", path, null, null));
    }

    /**
     * Sends any request as is and returns the answer whatever its code (no {@link ApiException}), e.g.
     * a body that is not JSON at all.
     *
     * @param path        absolute path from the base URL, with its query, e.g. {@code /apis/...}
     * @param contentType {@code Content-Type} to send, or {@code null} for none
     * @param body        the bytes to send, or {@code null} for no body
     */
    public ApiResponse sendRaw(String method, String path, String contentType, byte[] body) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return send(Objects.requireNonNull(method, "method"), path, contentType, body);
    }

    /**
     * What the image registry does on a push by tag: create the mapping; when the API answers 404 with
     * {@code details.kind} {@code imagestreammappings} for this very stream (the stream does not exist
     * yet), create the ImageStream (an {@code AlreadyExists} conflict, another pusher having won the
     * race, is fine) and retry the mapping once. A second failure is thrown as is.
     */
    public ApiResponse pushWithStreamCreation(String namespace, JsonNode mappingBody) {
        try {
            return createMapping(namespace, mappingBody, false);
        } catch (ApiException first) {
            String stream = mappingBody.path("metadata").path("name").asText("");
            if (!isMissingStream(first, stream)) {
                throw first;
            }
            try {
                createImageStream(namespace, stream);
            } catch (ApiException create) {
                if (create.statusCode() != 409 || !"AlreadyExists".equals(create.reason())) {
                    throw create;
                }
            }
            return createMapping(namespace, mappingBody, false);
        }
    }

    /**
     * True when {@code e} says that the mapping's image stream {@code stream} does not exist, as the
     * real registry checks it: code 404 and {@code details} naming the stream with kind
     * {@code imagestreammappings} (or the older {@code imagestream}/{@code imagestreams}).
     */
    public static boolean isMissingStream(ApiException e, String stream) {
        Status s = e.status();
        if (e.statusCode() != 404 || s == null || s.details() == null || stream == null || stream.isEmpty()) {
            return false;
        }
        String kind = s.details().kind();
        boolean streamKind = "imagestreammappings".equalsIgnoreCase(kind)
                || "imagestreams".equalsIgnoreCase(kind)
                || "imagestream".equalsIgnoreCase(kind);
        return streamKind && stream.equals(s.details().name());
    }

    // ---------------------------------------------------------------------------------------------

    private ApiResponse send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON)
                .header("User-Agent", USER_AGENT)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            rb.header("Content-Type", contentType);
        }
        if (bearerToken != null) {
            rb.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiTransportException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiTransportException(method + " " + path + " interrupted", e);
        }
        return toResponse(r);
    }

    private ApiResponse toResponse(HttpResponse<byte[]> r) {
        String contentType = r.headers().firstValue("Content-Type").orElse(null);
        byte[] bytes = r.body() == null ? new byte[0] : r.body();
        String raw = new String(bytes, StandardCharsets.UTF_8);
        JsonNode json = null;
        Status status = null;
        if (bytes.length > 0) {
            try {
                json = mapper.readTree(bytes);
            } catch (IOException notJson) {
                json = null;
            }
        }
        if (json != null && json.isObject() && "Status".equals(json.path("kind").asText())) {
            try {
                status = mapper.treeToValue(json, Status.class);
            } catch (JsonProcessingException unexpectedShape) {
                status = null;
            }
        }
        return new ApiResponse(r.statusCode(), contentType, json, raw, status);
    }

    private static ApiResponse expectSuccess(String operation, ApiResponse r) {
        if (!r.isSuccess()) {
            throw new ApiException(operation, r);
        }
        return r;
    }

    private byte[] toBytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body cannot be serialised: " + e.getMessage(), e);
        }
    }

    private static String namespaced(String namespace, String resource) {
        return API_PREFIX + "/namespaces/" + segment(requireText(namespace, "namespace")) + "/" + resource;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    /** Percent-encodes one path segment: everything but RFC 3986 unreserved characters. */
    static String segment(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
