package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ism.function.api.ApiRequest;
import dev.ism.function.api.ApiResponse;
import dev.ism.function.api.QueryParameters;
import dev.ism.schema.Status;
import io.micronaut.context.ApplicationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda handler of an API Gateway REST API (payload format 1.0) (see {@link JsonEventHandler}).
 */
public class RestApiHandler extends JsonEventHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** As Lambda constructs it: a new application context in environments {@code function} and {@code lambda}. */
    public RestApiHandler() {
        super(APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class, LambdaContext.start(), true);
    }

    /** On an application context that exists already (tests, the local invoke tool). */
    public RestApiHandler(ApplicationContext context) {
        super(APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class, context, false);
    }

    @Override
    Status refusal(APIGatewayProxyRequestEvent event) {
        return EventParts.refusal(event.getHttpMethod(), event.getPath(), headers(event), event.getBody(),
                Boolean.TRUE.equals(event.getIsBase64Encoded()));
    }

    @Override
    ApiRequest request(APIGatewayProxyRequestEvent event, String lambdaRequestId, long started) {
        ApiRequest.Headers headers = EventParts.headers(headers(event));
        return new ApiRequest(ApiRequest.Transport.REST_API, event.getHttpMethod(), event.getPath(), headers,
                new QueryParameters.Rest(event.getMultiValueQueryStringParameters(), event.getQueryStringParameters()),
                EventParts.body(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded())),
                ApiRequest.requestId(event.getRequestContext() == null ? null : event.getRequestContext().getRequestId(), headers),
                lambdaRequestId, started);
    }

    /** Each header's first value: {@code multiValueHeaders} when the event has them, else {@code headers}. */
    private static Map<String, String> headers(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if (multi == null) {
            return event.getHeaders();
        }
        Map<String, String> first = new LinkedHashMap<>();
        multi.forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }

    /**
     * The response event: every header in {@code multiValueHeaders}, a repeated one's values apart; a header of one
     * value in {@code headers} too (API Gateway merges the two, the multi-value ones winning).
     */
    @Override
    APIGatewayProxyResponseEvent response(ApiResponse response) {
        Map<String, List<String>> multi = EventParts.headerLists(response);
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((name, values) -> {
            if (values.size() == 1) {
                single.put(name, values.get(0));
            }
        });
        return new APIGatewayProxyResponseEvent().withStatusCode(response.code()).withHeaders(single).withMultiValueHeaders(multi)
                .withBody(EventParts.bodyText(response)).withIsBase64Encoded(!EventParts.isText(response));
    }
}
