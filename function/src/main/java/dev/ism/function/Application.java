package dev.ism.function;

import io.micronaut.runtime.Micronaut;

/** Local entry point: the same controllers the Lambda handlers serve, on Netty. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
