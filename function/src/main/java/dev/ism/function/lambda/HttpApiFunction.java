package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ism.function.api.EdgeStatus;
import dev.ism.function.api.RequestTarget;
import dev.ism.function.api.Responses;
import dev.ism.schema.Status;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.http.exceptions.UriSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Micronaut's HTTP API (payload 2.0) handler, with a Kubernetes Status for the events it cannot take in;
 * {@link HttpApiHandler} (template.yaml's {@code Handler}) reads the event bytes and hands the event to it. micronaut-function-aws-api-proxy 4.11.0 builds the
 * request URI before any route or filter runs and throws (out of the handler, which API Gateway turns
 * into a bare 500) when the path holds a character a URI may not ({@code \}, {@code {}, {@code |}, a
 * space) or a bad escape ({@code %zz}): that is the client's 400, as are an empty path, a header value it refuses,
 * and a body flagged base64 that is not (see {@link #refusal}). Anything else thrown out of it is a fault of ours: a 500 Status,
 * logged.
 */
public class HttpApiFunction extends APIGatewayV2HTTPEventFunction {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiFunction.class);

    public HttpApiFunction() {
        super();
    }

    public HttpApiFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Status refusal = refusal(event);
        if (refusal != null) {
            LOG.info("refused an unreadable event: status={} reason={}", refusal.code(), refusal.message());
            return status(refusal);
        }
        try {
            return super.handleRequest(event, context);
        } catch (UriSyntaxException | IllegalArgumentException e) {
            LOG.info("refused an event whose path is not a URI: {}", e.getClass().getSimpleName());
            return status(EdgeStatus.unreadable("the request target is not a valid URI"));
        } catch (RuntimeException e) {
            LOG.error("internal error: request_id={}", requestId(event), e);
            return status(Status.internalError());
        }
    }

    /**
     * What Micronaut's handler would fail on with a 500: an event without a method, an empty or relative path (its router throws a
     * NullPointerException) and a body flagged base64 that is not (a CodecException when the body is bound).
     */
    static Status refusal(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || event.getRequestContext().getHttp().getMethod() == null) {
            // Micronaut's request reads the method there (a NullPointerException without it). API Gateway always
            // sends it; an event without it is no API Gateway request (found by LambdaEventFuzzTest).
            return Status.badRequest("the event has no requestContext.http.method");
        }
        Status target = RequestTarget.problem(event.getRawPath());
        if (target != null) {
            return target;
        }
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
                if (!headerNameAllowed(h.getKey())) {
                    return EdgeStatus.unreadable("a header name is not a token");
                }
                if (!headerValueAllowed(h.getValue())) {
                    return EdgeStatus.unreadable("a header value has a prohibited character");
                }
            }
        }
        if (event.getIsBase64Encoded() && event.getBody() != null) {
            try {
                Base64.getDecoder().decode(event.getBody());
            } catch (IllegalArgumentException e) {
                return EdgeStatus.unreadable("the body is flagged base64 but is not");
            }
        }
        return null;
    }

    /**
     * A header name as Micronaut 4.10's {@code CaseInsensitiveMutableHttpHeaders} accepts it (it throws while building
     * the request otherwise, and the handler fails to encode even the error response: a 500): an RFC 9110 token,
     * letters, digits and {@code !#$%&'*+-.^_`|~} (found by LambdaEventFuzzTest).
     */
    static boolean headerNameAllowed(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }

    /**
     * The field values Micronaut 4.10's {@code CaseInsensitiveMutableHttpHeaders} accepts (it throws while building
     * the request otherwise, and the handler then fails to encode even the error response: a 500): the first
     * character visible (not a space, tab or control character), the others no control character but HTAB, no DEL.
     */
    static boolean headerValueAllowed(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        if (first < 0x21 || first == 0x7f) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        return event == null || event.getRequestContext() == null ? "-" : event.getRequestContext().getRequestId();
    }

    static APIGatewayV2HTTPResponse status(Status status) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status.code())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(new String(Responses.render(status, false), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }
}
