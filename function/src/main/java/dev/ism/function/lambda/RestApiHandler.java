package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.ism.function.api.Responses;
import dev.ism.schema.Status;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Lambda handler of an API Gateway REST API (payload format 1.0): the event is read and the response
 * written with the function's Jackson (see {@link JsonEventHandler}); the request itself is served by
 * Micronaut's {@link ApiGatewayProxyRequestEventFunction}.
 */
public class RestApiHandler extends JsonEventHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** As Lambda constructs it: a new application context in environments {@code function} and {@code lambda}. */
    public RestApiHandler() {
        this(new ApiGatewayProxyRequestEventFunction());
    }

    /** On an application context that exists already (tests, the local invoke tool). */
    public RestApiHandler(ApplicationContext context) {
        this(new ApiGatewayProxyRequestEventFunction(context));
    }

    private RestApiHandler(ApiGatewayProxyRequestEventFunction function) {
        super(APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class, function);
    }

    @Override
    APIGatewayProxyResponseEvent response(Status status) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status.code())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(new String(Responses.render(status, false), StandardCharsets.UTF_8)).withIsBase64Encoded(false);
    }
}
