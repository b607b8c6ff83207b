package dev.ism.function.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagEvent;
import dev.ism.function.registry.storage.AlreadyExistsException;
import dev.ism.function.registry.storage.ImageStreams;
import dev.ism.function.registry.storage.ItemTooLargeException;
import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.function.registry.storage.RequestTimeout;
import dev.ism.schema.ImageApi;
import dev.ism.schema.Status;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ImageStreams, as far as mappings need them: create, get and list, with {@code status.tags} built
 * from the tag history (newest first) and {@code status.dockerImageRepository}.
 */
@Singleton
public class ImageStreamRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageStreamStrategy strategy;
    private final ImageStreams streams;
    private final RequestTimeout timeout;
    private final StreamRepository repository;

    public ImageStreamRest(ImageStreamStrategy strategy, ImageStreams streams, RequestTimeout timeout, StreamRepository repository) {
        this.strategy = strategy;
        this.streams = streams;
        this.timeout = timeout;
        this.repository = repository;
    }

    public ObjectNode create(String namespace, byte[] body, CreateOptions options) {
        ObjectNode stream = CreatePipeline.admit(strategy, namespace, body, options).object();
        String name = stream.path("metadata").path("name").asText("");
        timeout.within(() -> {
            if (options.dryRun()) {
                if (streams.get(namespace, name).isPresent()) {
                    throw new ApiException(Status.alreadyExists(ImageApi.GROUP, ImageApi.STREAMS, name));
                }
            } else {
                try {
                    streams.create(namespace, name, stream);
                } catch (AlreadyExistsException e) {
                    throw new ApiException(Status.alreadyExists(ImageApi.GROUP, ImageApi.STREAMS, name));
                } catch (ItemTooLargeException e) {
                    throw new ApiException(Status.requestEntityTooLarge("Request entity too large: " + e.getMessage()));
                }
            }
            return null;
        });
        return render(new StoredStream(namespace, name, 1, stream, Map.of()), Map.of());
    }

    public ObjectNode get(String namespace, String name) {
        if (!KeyLimits.holds(namespace, KeyLimits.NAMESPACE_BYTES) || !KeyLimits.holds(name, KeyLimits.STREAM_NAME_BYTES)) {
            throw notFound(name); // no such stream can exist
        }
        return timeout.within(() -> {
            StoredStream stream = streams.get(namespace, name).orElseThrow(() -> notFound(name));
            return render(stream, streams.history(namespace, name));
        });
    }

    public ObjectNode list(String namespace) {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", ImageApi.KIND_IMAGE_STREAM + "List");
        list.put("apiVersion", ImageApi.API_VERSION);
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        if (!KeyLimits.holds(namespace, KeyLimits.NAMESPACE_BYTES)) {
            return list; // a namespace no stream can be in (an encoded '/' in the URL, too long): nothing to list
        }
        timeout.within(() -> {
            for (StoredStream s : streams.list(namespace)) {
                items.add(render(s, streams.history(namespace, s.name())));
            }
            return null;
        });
        return list;
    }

    private static ApiException notFound(String name) {
        return new ApiException(Status.notFound(ImageApi.GROUP, ImageApi.STREAMS, name));
    }

    private ObjectNode render(StoredStream stream, Map<String, List<TagEvent>> history) {
        ObjectNode out = stream.object().deepCopy();
        out.with("metadata").put("resourceVersion", Long.toString(stream.resourceVersion()));
        ObjectNode status = out.putObject("status");
        String dockerImageRepository = repository.dockerImageRepository(stream);
        if (!dockerImageRepository.isEmpty()) {
            status.put("dockerImageRepository", dockerImageRepository);
        }
        ArrayNode tags = status.putArray("tags");
        new TreeMap<>(history).forEach((tag, events) -> {
            ObjectNode t = tags.addObject();
            t.put("tag", tag);
            t.set("items", JSON.valueToTree(events));
        });
        return out;
    }
}
