package dev.ism.function.registry;

import dev.ism.schema.ImageStreamMappingValidator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The plain-Java parts the registry uses, as beans: the clock and the mapping's validator. */
@Factory
public class RegistryBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The schema is compiled once, when the function starts (and before a SnapStart snapshot). */
    @Context
    ImageStreamMappingValidator validator(MappingSettings settings) {
        return ImageStreamMappingValidator.withInternalRegistry(settings.internalRegistryHostname());
    }
}
