package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ism.schema.Status;
import io.micronaut.context.ApplicationContext;

/**
 * The Lambda handler of an API Gateway HTTP API (payload format 2.0): template.yaml's {@code Handler}. The
 * event is read and the response written with the function's Jackson (see {@link JsonEventHandler}); the
 * request itself is served by {@link HttpApiFunction}, Micronaut's handler with a Status for the events
 * it cannot take in.
 */
public class HttpApiHandler extends JsonEventHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** As Lambda constructs it: a new application context in environments {@code function} and {@code lambda}. */
    public HttpApiHandler() {
        this(new HttpApiFunction());
    }

    /** On an application context that exists already (tests, the local invoke tool, SnapStart priming). */
    public HttpApiHandler(ApplicationContext context) {
        this(new HttpApiFunction(context));
    }

    private HttpApiHandler(HttpApiFunction function) {
        super(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class, function);
    }

    @Override
    APIGatewayV2HTTPResponse response(Status status) {
        return HttpApiFunction.status(status);
    }
}
