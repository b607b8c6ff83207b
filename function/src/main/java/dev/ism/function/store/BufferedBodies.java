package dev.ism.function.store;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The url-connection client with every request's body buffered by {@code HttpURLConnection} instead of streamed.
 *
 * <p>Why: url-connection-client 2.31.66 turns a request's {@code Content-Length} into
 * {@code setFixedLengthStreamingMode}, and before a streamed POST on a kept-alive connection the JDK checks that
 * connection by reading it with a 1 ms timeout ({@code sun.net.www.http.HttpClient.available()}, JDK 17 to 25), which
 * on a live connection always times out: every DynamoDB call but a connection's first waited 1 ms and threw and
 * caught a {@code SocketTimeoutException}. Without the header the JDK buffers the body (DynamoDB's are small) and
 * writes the same {@code Content-Length} itself, so a signature that covers it still holds; a buffered POST is not
 * checked that way (the JDK may send it again on a connection found closed, as the SDK's own retries do).
 */
final class BufferedBodies implements SdkHttpClient {

    static final String CONTENT_LENGTH = "Content-Length";

    private final SdkHttpClient client;

    BufferedBodies(SdkHttpClient client) {
        this.client = client;
    }

    /** A builder of the url-connection client that the SDK configures (its defaults) and closes as its own. */
    static SdkHttpClient.Builder<?> around(SdkHttpClient.Builder<?> builder) {
        return new Builder(builder);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return client.prepareRequest(withoutContentLength(request));
    }

    static HttpExecuteRequest withoutContentLength(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        if (http.firstMatchingHeader(CONTENT_LENGTH).isEmpty()) {
            return request;
        }
        HttpExecuteRequest.Builder b = HttpExecuteRequest.builder()
                .request(http.toBuilder().removeHeader(CONTENT_LENGTH).build());
        request.contentStreamProvider().ifPresent(b::contentStreamProvider);
        request.metricCollector().ifPresent(b::metricCollector);
        return b.build();
    }

    @Override
    public String clientName() {
        return client.clientName();
    }

    @Override
    public void close() {
        client.close();
    }

    private static final class Builder implements SdkHttpClient.Builder<Builder> {
        private final SdkHttpClient.Builder<?> builder;

        Builder(SdkHttpClient.Builder<?> builder) {
            this.builder = builder;
        }

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return new BufferedBodies(builder.buildWithDefaults(serviceDefaults));
        }
    }
}
