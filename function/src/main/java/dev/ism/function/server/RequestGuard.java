package dev.ism.function.server;

import dev.ism.function.api.EdgeStatus;
import dev.ism.function.api.RequestTarget;
import dev.ism.function.api.Responses;
import dev.ism.schema.Status;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Sits between Netty's HTTP decoder and Micronaut's request handling and answers, with a Kubernetes
 * Status, every request Micronaut would answer in its own format or route wrongly:
 *
 * <ul>
 *   <li>a request line over {@value EdgeStatus#MAX_REQUEST_LINE_BYTES} bytes: 414; headers over
 *       {@value EdgeStatus#MAX_HEADER_BYTES} bytes: 431 (Micronaut 4.10's Netty server answered both 500);</li>
 *   <li>anything else the decoder refused (a garbage request line, a duplicate or invalid
 *       {@code Content-Length}, a malformed header): 400 (Micronaut answered its own
 *       {@code {"message":"Bad Request","_links":...}});</li>
 *   <li>a request target that is not an absolute path or an absolute http(s) URI (a raw {@code \}, {@code {},
 *       {@code |}, an empty path): 400. Micronaut 4.10 ({@code RoutingInBoundHandler.accept}) handles a URI
 *       it cannot parse as a request for {@code /} without the request's headers, which then fails
 *       authentication: a client with a valid token got 401.</li>
 * </ul>
 *
 * As Go's net/http does for these, the connection is closed after the answer; whatever else the client
 * sends on it is discarded. Only the local server has this handler: API Gateway parses requests itself.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "ism-request-guard";
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Status refusal = refusal(request);
            if (refusal != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                LOG.info("refused an unreadable request: status={} reason={}", refusal.code(), refusal.message());
                answer(ctx, refusal);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (refused) {
            return;
        }
        ctx.fireChannelReadComplete();
    }

    /** The Status for a request the server must not handle, or null. */
    static Status refusal(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return EdgeStatus.uriTooLong();
            }
            if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                return EdgeStatus.headersTooLarge();
            }
            return EdgeStatus.unreadable("malformed request line or headers");
        }
        return RequestTarget.problem(request.uri());
    }

    private static void answer(ChannelHandlerContext ctx, Status status) {
        byte[] body = Responses.render(status, false);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status.code()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
