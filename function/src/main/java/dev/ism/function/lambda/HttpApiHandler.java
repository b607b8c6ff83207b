package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.util.Map;

/**
 * The Lambda handler of an API Gateway HTTP API (payload format 2.0): template.yaml's {@code Handler}. The
 * event is read and the response written with the function's Jackson (see {@link JsonEventHandler}); the
 * request itself is served by Micronaut's {@link APIGatewayV2HTTPEventFunction}.
 */
public class HttpApiHandler extends JsonEventHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** As Lambda constructs it: a new application context in environments {@code function} and {@code lambda}. */
    public HttpApiHandler() {
        this(new APIGatewayV2HTTPEventFunction());
    }

    /** On an application context that exists already (tests, the local invoke tool, SnapStart priming). */
    public HttpApiHandler(ApplicationContext context) {
        this(new APIGatewayV2HTTPEventFunction(context));
    }

    private HttpApiHandler(APIGatewayV2HTTPEventFunction function) {
        super(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, function);
    }

    @Override
    APIGatewayV2HTTPResponse response(int statusCode, String json) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(statusCode)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(json).withIsBase64Encoded(false).build();
    }
}
