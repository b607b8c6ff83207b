package dev.ism.function.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the store waits for DynamoDB, sized so that every answer leaves the function inside API
 * Gateway's 29 s: a connection is given {@code connect}, a response {@code socket} (per read), one SDK call
 * with its retries {@code call}, and all the calls of one API request together {@code request} (a call
 * never gets more than what is left of it; none starts when nothing is left).
 *
 * @param connect TCP connect timeout
 * @param socket  socket read timeout
 * @param call    one SDK call, retries included
 * @param request every DynamoDB call of one API request
 */
public record StoreTimeouts(Duration connect, Duration socket, Duration call, Duration request) {

    /** 1 s, 4 s, 8 s, 24 s: a hung DynamoDB is answered within about 24 s, under API Gateway's 29 s. */
    public static final StoreTimeouts DEFAULT = new StoreTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(24));

    public StoreTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(request, "request");
    }
}
