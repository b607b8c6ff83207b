package dev.ism.function.config;

import dev.ism.function.server.DevTls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.ism.function.config.CustomAuthFiles.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local run's configuration (environment {@code local}, as {@code mvn mn:run} starts it) honours the
 * README's variables: {@code ISM_TOKEN_AUTH_FILE} and {@code ISM_AUTHORIZATION_POLICY_FILE} replace the dev
 * files, which it uses only when they are unset. The variables come as the environment's property source
 * brings them (same convention and precedence); {@link LocalRunProcessTest} sets real ones on a real start.
 */
class LocalRunVariablesTest {

    @TempDir
    static Path dir;
    static CustomAuthFiles files;

    @BeforeAll
    static void write() throws IOException {
        files = CustomAuthFiles.write(dir);
    }

    @Test
    void theVariablesReplaceTheDevFiles() throws Exception {
        try (ApplicationContext context = local(Map.of("ISM_TOKEN_AUTH_FILE", files.tokens().toString(),
                "ISM_AUTHORIZATION_POLICY_FILE", files.policy().toString()))) {
            URI base = context.getBean(EmbeddedServer.class).start().getURI();
            assertEquals(200, status(base, CustomAuthFiles.TOKEN));
            assertEquals(401, status(base, CustomAuthFiles.DEV_TOKEN));
        }
    }

    @Test
    void unsetTheyAreTheDevFiles() throws Exception {
        try (ApplicationContext context = local(Map.of())) {
            URI base = context.getBean(EmbeddedServer.class).start().getURI();
            assertEquals(200, status(base, CustomAuthFiles.DEV_TOKEN));
            assertEquals(401, status(base, CustomAuthFiles.TOKEN));
        }
    }

    /** {@code ISM_TLS=true}: HTTPS on {@code ISM_TLS_PORT}, with the dev certificate made on first start. */
    @Test
    void tlsServesHttpsWithTheDevCertificate() throws Exception {
        Path tls = dir.resolve("tls");
        try (ApplicationContext context = local(Map.of("ISM_TLS", "true", "ISM_TLS_PORT", "-1"), Map.of("ism.tls.dir", tls.toString()))) {
            URI base = context.getBean(EmbeddedServer.class).start().getURI();
            assertEquals("https", base.getScheme());
            KeyStore keys = KeyStore.getInstance(tls.resolve(DevTls.KEYSTORE).toFile(), "ism-dev-only".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            assertEquals(200, status(HttpClient.newBuilder().sslContext(ssl).build(), base, CustomAuthFiles.DEV_TOKEN));
        }
    }

    private static ApplicationContext local(Map<String, Object> variables) {
        return local(variables, Map.of());
    }

    /**
     * Environment {@code local} alone (no deduced {@code test}), {@code variables} as environment variables,
     * {@code properties} above them.
     */
    private static ApplicationContext local(Map<String, Object> variables, Map<String, Object> properties) {
        Map<String, Object> env = new HashMap<>(variables);
        env.putIfAbsent("ISM_PORT", "-1");
        Map<String, Object> props = new HashMap<>(properties);
        props.put("ism.dev-dir", "../dev"); // as Application (mn:run's main class) sets it
        return ApplicationContext.builder().environments("local").deduceEnvironment(false)
                .propertySources(environment(env))
                .properties(props)
                .start();
    }

    /** A property source as Micronaut's own for the process environment: its convention and its precedence. */
    static PropertySource environment(Map<String, Object> variables) {
        return new MapPropertySource(EnvironmentPropertySource.NAME + "-test", variables) {
            @Override
            public int getOrder() {
                return EnvironmentPropertySource.POSITION;
            }

            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }
        };
    }
}
