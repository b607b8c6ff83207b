package dev.ism.function.server;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.ssl.ServerSslConfiguration;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * The local run's HTTPS ({@code ISM_TLS=true}, application-local.properties): makes the dev certificate
 * ({@link DevTls}) in {@value #DIR} when the server's SSL settings are created, before the server reads
 * its key store from them. Only where that directory is configured (the local run), never on Lambda.
 */
@Singleton
@Requires(property = "micronaut.server.ssl.enabled", value = "true")
@Requires(property = DevTlsCertificate.DIR)
final class DevTlsCertificate implements BeanCreatedEventListener<ServerSslConfiguration> {

    static final String DIR = "ism.tls.dir";

    private final Path dir;

    DevTlsCertificate(@Property(name = DIR) String dir) {
        this.dir = Path.of(dir);
    }

    @Override
    public ServerSslConfiguration onCreated(BeanCreatedEvent<ServerSslConfiguration> event) {
        DevTls.ensure(dir);
        return event.getBean();
    }
}
