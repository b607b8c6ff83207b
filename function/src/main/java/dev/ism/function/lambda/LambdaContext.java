package dev.ism.function.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/** The application context of a function Lambda constructs: environments {@code function} and {@code lambda}. */
public final class LambdaContext {

    /** The environment micronaut-function-aws names Lambda (its {@code MicronautLambdaContext.ENVIRONMENT_LAMBDA}). */
    public static final String ENVIRONMENT_LAMBDA = "lambda";

    private LambdaContext() {
    }

    /** The context Lambda's construction of a handler starts, with {@link StartupPreload} beside it. */
    static ApplicationContext start() {
        StartupPreload.start();
        return builder().start();
    }

    /**
     * The context as Lambda's construction builds it, for more settings or environments (tests, benchmarks). No
     * bootstrap environment: the function has no bootstrap property sources, and without this setting Micronaut
     * 4.10 first looks for a locator of them among all bean definitions, loading every bean's class to ask.
     */
    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, ENVIRONMENT_LAMBDA)
                .deduceEnvironment(false)
                .bootstrapEnvironment(false);
    }
}
