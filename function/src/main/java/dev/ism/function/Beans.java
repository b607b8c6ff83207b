package dev.ism.function;

import dev.ism.function.registry.MappingSettings;
import dev.ism.schema.ImageStreamMappingValidator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The plain-Java parts of the core, as beans. */
@Factory
public class Beans {

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
