package dev.ism.function.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run ({@code mn:run}, environment "local") has public dev tokens: it listens on loopback only,
 * unless {@code ISM_HOST} says otherwise.
 */
class LocalServerBindingTest {

    private static ApplicationContext local(Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of("micronaut.server.port", -1, "ism.dev-dir", "../dev",
                "ism.dynamodb.table-name", "ism-test-binding"));
        props.putAll(extra);
        return ApplicationContext.builder().environments("local").properties(props).start();
    }

    /** The machine's addresses that are not loopback (none in some sandboxes). */
    private static List<InetAddress> otherAddresses() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address)
                .toList();
    }

    @Test
    void theLocalRunListensOnLoopbackOnly() throws IOException {
        try (ApplicationContext context = local(Map.of())) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            assertEquals("127.0.0.1", server.getHost());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()), 5_000);
                assertTrue(s.isConnected());
            }
            for (InetAddress other : otherAddresses()) {
                assertThrows(IOException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(other, server.getPort()), 5_000);
                    }
                }, "reachable on " + other);
            }
        }
    }

    @Test
    void ismHostChangesIt() {
        try (ApplicationContext context = local(Map.of("ISM_HOST", "0.0.0.0"))) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            assertEquals("0.0.0.0", context.getProperty("micronaut.server.host", String.class).orElseThrow());
            assertTrue(server.isRunning());
        }
    }
}
