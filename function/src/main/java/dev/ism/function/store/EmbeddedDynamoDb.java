package dev.ism.function.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local 3.3.1 running in this JVM as a real HTTP server on 127.0.0.1, for local runs and tests.
 *
 * <p>The only class that references DynamoDB Local: that library is a {@code provided} dependency, absent from
 * the Lambda package, so this class must only be loaded when local mode is configured.
 *
 * <p>No native-library setup is needed: DynamoDB Local 3.x carries sqlite4java's native libraries inside its
 * own jar ({@code .../shared/access/sqlite/native/<OS>/<arch>/}) and its {@code SQLiteLibraryLoader} extracts the
 * right one to a temporary file and loads it; {@code sqlite4java.library.path} is not consulted.
 *
 * <p>Jetty's connector inside DynamoDB Local would listen on every interface; this class rebinds it to
 * 127.0.0.1 on an ephemeral port (port 0, so no race for a "free" port) before starting it. Should the
 * library's internals ever change so that this is impossible, it falls back to probing for a free port and
 * starting the server as DynamoDB Local configures it.
 *
 * <p>Flags: {@code -inMemory} (or {@code -dbPath <dir>} to persist), {@code -sharedDb} (one database whatever
 * the credentials and region of the client), {@code -disableTelemetry}.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final int BIND_ATTEMPTS = 5;

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an in-memory database. */
    public static EmbeddedDynamoDb start() {
        return start(null);
    }

    /**
     * Starts a database persisted in {@code dbPath} (created if missing), or in memory when {@code dbPath}
     * is {@code null}.
     */
    public static EmbeddedDynamoDb start(Path dbPath) {
        if (dbPath != null) {
            try {
                Files.createDirectories(dbPath);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the DynamoDB Local directory " + dbPath, e);
            }
        }
        Exception last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int candidate = freePort();
            DynamoDBProxyServer s;
            try {
                s = ServerRunner.createServerFromCommandLineArgs(args(dbPath, candidate));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local rejected its arguments", e);
            }
            ServerConnector connector = loopbackConnector(s);
            try {
                s.start();
                int actual = connector != null ? connector.getLocalPort() : candidate;
                return new EmbeddedDynamoDb(s, actual);
            } catch (Exception e) {
                // Most likely the probed port was taken meanwhile (only possible without the rebinding).
                last = e;
                stopQuietly(s);
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    public int port() {
        return port;
    }

    /** Stops the server; an in-memory database is gone afterwards. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    private static String[] args(Path dbPath, int port) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dbPath == null) {
            args.add("-inMemory");
        } else {
            args.add("-dbPath");
            args.add(dbPath.toAbsolutePath().toString());
        }
        return args.toArray(String[]::new);
    }

    /**
     * Points the (not yet started) Jetty connector at 127.0.0.1 and port 0. Returns it, or {@code null} when the
     * library's internals do not allow it (then the server keeps its own binding on the probed port).
     */
    private static ServerConnector loopbackConnector(DynamoDBProxyServer s) {
        try {
            Field f = DynamoDBProxyServer.class.getDeclaredField("server");
            f.setAccessible(true);
            Server jetty = (Server) f.get(s);
            Connector[] connectors = jetty.getConnectors();
            if (connectors.length == 1 && connectors[0] instanceof ServerConnector c) {
                c.setHost(LOOPBACK);
                c.setPort(0);
                return c;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall through: keep DynamoDB Local's own binding
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    private static void stopQuietly(DynamoDBProxyServer s) {
        try {
            s.stop();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
