package dev.ism.function.registry;

import dev.ism.function.model.StoredStream;
import jakarta.inject.Singleton;

/**
 * A stream's {@code status.dockerImageRepository}: the internal registry's pull spec
 * ({@code <hostname>/<namespace>/<name>}) when a hostname is configured, else the spec's. Both the stream's
 * status and a mapping's tag event (a managed image made local to the stream) are built from it.
 */
@Singleton
class StreamRepository {

    private final String internalRegistryHostname;

    StreamRepository(MappingSettings settings) {
        this.internalRegistryHostname = settings.internalRegistryHostname();
    }

    String dockerImageRepository(StoredStream stream) {
        if (internalRegistryHostname != null) {
            return internalRegistryHostname + "/" + stream.namespace() + "/" + stream.name();
        }
        return stream.object().path("spec").path("dockerImageRepository").asText("");
    }
}
