package dev.ism.function.registry;

import dev.ism.function.config.Unset;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code ism.mapping.*}: {@code internal-registry-hostname} (unset: off, {@link Unset}) makes the server default an
 * empty {@code dockerImageReference} and gives streams a {@code status.dockerImageRepository}.
 */
@ConfigurationProperties("ism.mapping")
public record MappingSettings(@Nullable String internalRegistryHostname) {

    public MappingSettings {
        internalRegistryHostname = Unset.orNull(internalRegistryHostname);
    }
}
