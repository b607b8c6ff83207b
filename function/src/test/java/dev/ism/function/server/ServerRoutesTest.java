package dev.ism.function.server;

import dev.ism.function.api.ApiRequest;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The request the API gets from the local server: the path and the query as sent. */
class ServerRoutesTest {

    @Test
    void localServerRequest() {
        HttpRequest<?> request = HttpRequest.GET("/apis/image.openshift.io/v1/namespaces/n%73/imagestreams?fieldManager=a,b&fieldManager=c&pretty=1")
                .header("X-Request-Id", "local-1");
        ApiRequest in = ServerRoutes.read(request, null);

        assertEquals(ApiRequest.Transport.NETTY, in.transport());
        assertEquals("local-1", in.requestId());
        assertNull(in.lambdaRequestId());
        assertEquals(0, in.body().length);
        assertEquals("GET", in.method());
        assertEquals("/apis/image.openshift.io/v1/namespaces/n%73/imagestreams", in.path());
        assertEquals("1", in.query().first("pretty"));
        assertEquals(List.of("a,b", "c"), in.query().all("fieldManager"));
    }

    @Test
    void eachRequestWithoutAnIdGetsANewOne() {
        assertNotEquals(ServerRoutes.read(HttpRequest.GET("/version"), null).requestId(),
                ServerRoutes.read(HttpRequest.GET("/version"), null).requestId());
    }
}
