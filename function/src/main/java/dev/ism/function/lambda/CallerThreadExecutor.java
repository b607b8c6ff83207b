package dev.ism.function.lambda;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Under Lambda, the {@code blocking} executor runs each task on the calling thread. The controllers and
 * the access filter are {@code @ExecuteOn(BLOCKING)} so that the local server never blocks a Netty event
 * loop; a Lambda invocation has no event loop to protect and serves one request at a time, on the thread
 * the Lambda runtime calls the handler on. Handing each request to another thread and waiting for it only
 * cost time (two thread hand-offs per request) and kept a pool of idle threads in a snapshot.
 */
@Singleton
@Named(TaskExecutors.BLOCKING)
@Requires(env = MicronautLambdaContext.ENVIRONMENT_LAMBDA)
@Replaces(bean = ExecutorService.class, named = TaskExecutors.BLOCKING)
public class CallerThreadExecutor extends AbstractExecutorService {

    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
