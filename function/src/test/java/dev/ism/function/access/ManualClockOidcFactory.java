package dev.ism.function.access;

import dev.ism.function.auth.MutableClock;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.ism.function.auth.AuthFactory;
import dev.ism.function.auth.OidcAuthenticator;
import dev.ism.function.auth.OidcSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * For {@link OidcKeyRotationTest} only ({@value #PROPERTY}{@code =true}): the function's OIDC
 * authenticator of the {@code ism.auth.oidc-*} settings, in place of {@code AuthFactory}'s, with the
 * production refresh interval and keys TTL, but on a clock the test moves. The main code gives the
 * authenticator the system clock and no way to replace it, and its JWKS refresh is rate limited in
 * time: without this a rotation could only be shown by waiting.
 */
@Factory
@Requires(property = ManualClockOidcFactory.PROPERTY, value = "true")
class ManualClockOidcFactory {

    static final String PROPERTY = "ism.test.access.oidc-manual-clock";

    /** The clock of the authenticator (not a {@link Clock} bean: the function has one already). */
    record Handle(MutableClock clock) {
    }

    @Singleton
    Handle handle() {
        return new Handle(new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond())));
    }

    @Singleton
    @Replaces(value = OidcAuthenticator.class, factory = AuthFactory.class)
    OidcAuthenticator oidc(OidcSettings settings, Handle handle) throws ReflectiveOperationException {
        Constructor<OidcAuthenticator> constructor = OidcAuthenticator.class.getDeclaredConstructor(
                OidcSettings.class, Clock.class, Duration.class, Duration.class, ResourceRetriever.class);
        constructor.setAccessible(true);
        return constructor.newInstance(settings, handle.clock(),
                constant("MIN_REFRESH_INTERVAL"), constant("KEYS_TTL"),
                new DefaultResourceRetriever(constant("HTTP_TIMEOUT_MILLIS"), constant("HTTP_TIMEOUT_MILLIS"),
                        constant("HTTP_SIZE_LIMIT")));
    }

    @SuppressWarnings("unchecked")
    static <T> T constant(String name) throws ReflectiveOperationException {
        Field field = OidcAuthenticator.class.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(null);
    }
}
