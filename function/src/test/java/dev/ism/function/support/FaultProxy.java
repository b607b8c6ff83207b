package dev.ism.function.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of a server (DynamoDB Local), whose faults are switched by the test,
 * deterministically and for connections already open too:
 *
 * <ul>
 *   <li>{@link Mode#PASS}: bytes flow both ways;</li>
 *   <li>{@link Mode#REFUSE}: nothing listens (connections are refused) and open connections are cut;</li>
 *   <li>{@link Mode#DROP}: requests reach the server, which acts on them, but its answers are dropped and
 *       the client's connection is cut: the client sent a write and never learns its outcome;</li>
 *   <li>{@link Mode#HANG}: requests are held, unanswered; when the mode changes they are delivered (a hung
 *       server resuming: what clients gave up on may happen after all).</li>
 * </ul>
 */
public final class FaultProxy implements AutoCloseable {

    public enum Mode { PASS, REFUSE, DROP, HANG }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Mode mode = Mode.PASS;
    private volatile boolean closed;

    public FaultProxy(URI target) {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        try {
            listener = listen(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = listener.getLocalPort();
        acceptOn(listener);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public synchronized Mode mode() {
        return mode;
    }

    /** Switches the fault; takes effect at once, for open connections too. */
    public synchronized void mode(Mode next) {
        if (next == mode) {
            return;
        }
        Mode previous = mode;
        mode = next;
        notifyAll(); // held requests go on
        if (next == Mode.REFUSE) {
            closeQuietly(listener);
            open.forEach(FaultProxy::closeQuietly);
        } else if (previous == Mode.REFUSE) {
            try {
                listener = listen(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptOn(listener);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void acceptOn(ServerSocket server) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    connect(client);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    private void connect(Socket client) throws IOException {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        synchronized (this) {
            // accepted while mode(REFUSE) cut the open connections: cut this one too, or it would serve the outage
            if (mode == Mode.REFUSE || closed) {
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            open.add(client);
            open.add(upstream);
        }
        pump("fault-proxy-up", () -> requests(client, upstream));
        pump("fault-proxy-down", () -> responses(upstream, client));
    }

    private interface Pump {
        void run() throws IOException;
    }

    private void pump(String name, Pump pump) {
        Thread t = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException ignored) {
                // a side closed
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Client to server. In HANG, what the client sent waits (and nothing more is read) until the mode changes,
     * then goes on to the server, even if the client gave up meanwhile.
     */
    private void requests(Socket client, Socket upstream) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = upstream.getOutputStream();
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                awaitNotHanging();
                out.write(buf, 0, n);
                out.flush();
            }
        } finally {
            closeQuietly(upstream::shutdownOutput);
            open.remove(client);
        }
    }

    private synchronized void awaitNotHanging() throws IOException {
        while (mode == Mode.HANG && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** Server to client; in DROP the answer is thrown away and the client cut off. */
    private void responses(Socket upstream, Socket client) throws IOException {
        InputStream in = upstream.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (mode() == Mode.DROP) {
                    closeQuietly(client);
                    continue; // read the rest of the server's answer and let it go
                }
                try {
                    out.write(buf, 0, n);
                    out.flush();
                } catch (IOException clientGone) {
                    // the client gave up; the server's answer is read to the end all the same
                }
            }
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(upstream);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        mode = Mode.PASS;
        notifyAll();
        closeQuietly(listener);
        open.forEach(FaultProxy::closeQuietly);
    }
}
