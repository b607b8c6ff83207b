package dev.ism.function.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the url-connection client is given: the SDK's request without its {@code Content-Length} (so that the JDK
 * buffers the body and writes that header itself), all else as signed; the calls still answered by DynamoDB Local.
 */
class BufferedBodiesTest {

    @Test
    void theContentLengthIsLeftOutAndAllElseKept() throws IOException {
        byte[] body = "{\"TableName\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        for (String name : new String[] {"Content-Length", "content-length", "CONTENT-LENGTH"}) {
            SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("https://dynamodb.example"))
                    .putHeader(name, String.valueOf(body.length)).putHeader("Authorization", "AWS4-HMAC-SHA256 x")
                    .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem").build();
            HttpExecuteRequest request = HttpExecuteRequest.builder().request(http)
                    .contentStreamProvider(() -> new java.io.ByteArrayInputStream(body)).build();
            HttpExecuteRequest sent = BufferedBodies.withoutContentLength(request);
            assertTrue(sent.httpRequest().firstMatchingHeader(BufferedBodies.CONTENT_LENGTH).isEmpty(), name);
            Map<String, List<String>> others = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            others.putAll(http.headers());
            others.remove(name);
            assertEquals(others, sent.httpRequest().headers());
            assertEquals(http.getUri(), sent.httpRequest().getUri());
            try (InputStream in = sent.contentStreamProvider().orElseThrow().newStream()) {
                assertArrayEquals(body, in.readAllBytes());
            }
        }
        HttpExecuteRequest bodiless = HttpExecuteRequest.builder().request(SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET).uri(URI.create("https://dynamodb.example")).build()).build();
        assertSame(bodiless, BufferedBodies.withoutContentLength(bodiless));
    }

    @Test
    void theClientsCallsGoThroughItAndAreAnswered() {
        List<SdkHttpRequest> seen = new ArrayList<>();
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start();
             DynamoDbClient client = DynamoClients.builder(db.endpoint(), null)
                     .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                         @Override
                         public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                             seen.add(context.httpRequest());
                         }
                     })).build()) {
            for (int i = 0; i < 3; i++) { // a kept-alive connection from the second call on
                ListTablesResponse tables = client.listTables();
                assertTrue(tables.sdkHttpResponse().isSuccessful());
            }
        }
        // the SDK signed a Content-Length; BufferedBodies left it to the JDK, which sent the same
        assertEquals(3, seen.size());
        assertTrue(seen.get(0).firstMatchingHeader(BufferedBodies.CONTENT_LENGTH).isPresent());
    }
}
