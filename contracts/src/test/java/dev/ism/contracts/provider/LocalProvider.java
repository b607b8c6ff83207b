package dev.ism.contracts.provider;

import dev.ism.function.support.Api;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The function as the contracts tests run it, for verifiers outside the JVM: the real function on
 * Netty (application environment "test": DynamoDB Local in memory), the provider-state tokens instead
 * of the dev token files, and {@code POST /_pact/provider-states}. Test code: never in the Lambda
 * package. Runs until killed (Ctrl-C).
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * ISM_CONTRACTS_PORT=8080 mvn -B -q -pl contracts exec:exec -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.ism.contracts.provider.LocalProvider
 * </pre>
 *
 * ({@code exec:exec}: Micronaut's parent POM configures it to fork {@code java -classpath ... ${exec.mainClass}};
 * the port comes from the environment, default 8080.)
 */
public final class LocalProvider {

    private LocalProvider() {
    }

    public static void main(String[] args) throws InterruptedException {
        String port = System.getenv().getOrDefault("ISM_CONTRACTS_PORT", System.getProperty("ism.contracts.port", "8080"));
        Api api = FunctionUnderTest.start(Map.of("micronaut.server.port", port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stopped.countDown();
        }));
        System.out.println("ImageStreamMapping API (provider " + Pacts.PROVIDER + ") on " + api.url());
        System.out.println("provider states: POST " + FunctionUnderTest.stateChangeUrl(api)
                + "  {\"state\": ..., \"params\": {...}, \"action\": \"setup\"|\"teardown\"}");
        System.out.println("states: " + ProviderStates.names());
        stopped.await();
    }
}
