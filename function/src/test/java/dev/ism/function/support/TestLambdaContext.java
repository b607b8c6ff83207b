package dev.ism.function.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A Lambda invocation context as the runtime gives one, for handlers called by tests. */
public final class TestLambdaContext implements Context {

    private final String requestId;

    /** With a random request id. */
    public TestLambdaContext() {
        this(UUID.randomUUID().toString());
    }

    /**
     * With the request id given: the Lambda runtime reads it from a header of its own API, where a random UUID costs a
     * {@code SecureRandom} draw (for benchmarks, which count every microsecond of an invocation).
     */
    public TestLambdaContext(String requestId) {
        this.requestId = requestId;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/ism-function";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/26/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "ism-function";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:ism-function";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
