package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * The Lambda invocation being served on this thread, in place of micronaut-function-aws's
 * {@code DefaultLambdaContextFactory}.
 *
 * <p>Works around a defect of micronaut-function-aws 4.11.0 (micronaut-aws, {@code HandlerUtils.configureWithContext}
 * → {@code DefaultLambdaContextFactory.registerSingletons}): every invocation of the API Gateway handlers
 * registers the invocation's {@code Context} and its {@code LambdaLogger} (and client context and Cognito
 * identity, when present) as new singleton bean definitions of the application context. They are never
 * removed, so a warm function gains two bean definitions per invocation without bound: measured, 40,194
 * definitions after 20,000 invocations, and a 422 answered in ~32 ms instead of ~0.02 ms, with memory
 * growing alike. Nothing in this function injects those beans; the only use of the invocation is its
 * request id in the request log, so it is kept for the current thread only and replaced on the next call.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class LambdaInvocation implements LambdaContextFactory {

    private static final ThreadLocal<String> AWS_REQUEST_ID = new ThreadLocal<>();

    @Override
    public void registerSingletons(Context lambdaContext) {
        AWS_REQUEST_ID.set(lambdaContext.getAwsRequestId());
    }

    /** The Lambda request id of the invocation this thread serves, or null outside Lambda. */
    public static String awsRequestId() {
        return AWS_REQUEST_ID.get();
    }
}
