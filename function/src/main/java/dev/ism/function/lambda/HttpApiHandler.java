package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ism.function.api.ApiRequest;
import dev.ism.function.api.ApiResponse;
import dev.ism.function.api.QueryParameters;
import dev.ism.function.api.Responses;
import dev.ism.schema.Status;
import io.micronaut.context.ApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda handler of an API Gateway HTTP API (payload format 2.0): template.yaml's {@code Handler} (see
 * {@link JsonEventHandler}).
 */
public class HttpApiHandler extends JsonEventHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The response event of a mapping's 201 ({@link #write}); made at the first, the same bytes every time. */
    private static volatile byte[] createdEvent;

    /** As Lambda constructs it: a new application context in environments {@code function} and {@code lambda}. */
    public HttpApiHandler() {
        super(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, LambdaContext.start(), true);
    }

    /** On an application context that exists already (tests, the local invoke tool, SnapStart priming). */
    public HttpApiHandler(ApplicationContext context) {
        super(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, context, false);
    }

    @Override
    Status refusal(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        String method = rc == null || rc.getHttp() == null ? null : rc.getHttp().getMethod();
        return EventParts.refusal(method, event.getRawPath(), event.getHeaders(), event.getBody(), event.getIsBase64Encoded());
    }

    @Override
    ApiRequest request(APIGatewayV2HTTPEvent event, String lambdaRequestId, long started) {
        ApiRequest.Headers headers = EventParts.headers(event.getHeaders());
        // rawQueryString is the query as sent; queryStringParameters joins a repeated parameter's values with commas.
        QueryParameters query = event.getRawQueryString() != null ? new QueryParameters.Raw(event.getRawQueryString())
                : new QueryParameters.Rest(null, event.getQueryStringParameters());
        return new ApiRequest(ApiRequest.Transport.HTTP_API, event.getRequestContext().getHttp().getMethod(), event.getRawPath(),
                headers, query, EventParts.body(event.getBody(), event.getIsBase64Encoded()),
                ApiRequest.requestId(event.getRequestContext().getRequestId(), headers), lambdaRequestId, started);
    }

    /** The event, read without Jackson's binding unless it must ({@link HttpApiEvents#read}). */
    @Override
    APIGatewayV2HTTPEvent read(InputStream event) {
        return HttpApiEvents.read(EVENTS.getFactory(), event);
    }

    /**
     * The response event. An HTTP API ignores {@code multiValueHeaders}: a repeated header ({@code Warning}) goes
     * into {@code headers} once, its values comma-joined, as the HTTP API itself combines repeated headers.
     */
    @Override
    APIGatewayV2HTTPResponse response(ApiResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.code())
                .withHeaders(headers(response))
                .withBody(EventParts.bodyText(response))
                .withIsBase64Encoded(!EventParts.isText(response))
                .build();
    }

    /**
     * {@link #response} written without Jackson's binding: the same bytes ({@code HttpApiEventsTest}). A mapping's
     * 201 as it is (compact, no warning), the answer of every successful create, is written as its event's bytes
     * made at the first one ({@code StreamHandlersTest} compares them).
     */
    @Override
    void write(OutputStream output, ApiResponse response) throws IOException {
        if (isPlainCreated(response)) {
            byte[] event = createdEvent;
            if (event == null) {
                ByteArrayOutputStream made = new ByteArrayOutputStream(192);
                writeEvent(made, response);
                createdEvent = event = made.toByteArray();
            }
            output.write(event);
            return;
        }
        writeEvent(output, response);
    }

    private static void writeEvent(OutputStream output, ApiResponse response) throws IOException {
        HttpApiEvents.write(EVENTS.getFactory(), output, response.code(), headers(response), EventParts.bodyText(response),
                !EventParts.isText(response));
    }

    static boolean isPlainCreated(ApiResponse response) {
        return response.code() == 201 && response.headers().isEmpty() && ApiResponse.JSON.equals(response.contentType())
                && Responses.isCreated(response.body());
    }

    private static Map<String, String> headers(ApiResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        EventParts.headerLists(response).forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }
}
