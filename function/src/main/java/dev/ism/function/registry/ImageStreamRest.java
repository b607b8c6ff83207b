package dev.ism.function.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.store.AlreadyExistsException;
import dev.ism.function.store.DynamoStore;
import dev.ism.function.store.DynamoStore.StoredStream;
import dev.ism.function.store.KeyLimits;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.ObjectMetaRules;
import dev.ism.schema.Status;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * ImageStreams, as far as mappings need them: create, get and list, with {@code status.tags} built
 * from the tag history (newest first) and {@code status.dockerImageRepository}.
 */
@Singleton
public class ImageStreamRest {

    public static final String KIND = "ImageStream";
    public static final String RESOURCE = "imagestreams";
    static final String API_VERSION = Status.GROUP + "/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoStore store;
    private final Clock clock;
    private final String internalRegistryHostname;

    public ImageStreamRest(DynamoStore store, Clock clock, MappingSettings settings) {
        this.store = store;
        this.clock = clock;
        this.internalRegistryHostname = settings.internalRegistryHostname();
    }

    public ObjectNode create(String namespace, byte[] body, CreateOptions options) {
        ObjectNode stream = decode(body, namespace);
        String name = stream.path("metadata").path("name").asText("");
        FieldErrors errs = new FieldErrors();
        ObjectMetaRules.validate(stream.path("metadata"), true, "metadata", errs);
        StorageNames.check(errs, "metadata.namespace", namespace, KeyLimits.NAMESPACE_BYTES);
        StorageNames.check(errs, "metadata.name", name, KeyLimits.STREAM_NAME_BYTES);
        JsonNode specTags = stream.path("spec").path("tags");
        for (int i = 0; i < specTags.size(); i++) {
            StorageNames.check(errs, "spec.tags[" + i + "].name", specTags.get(i).path("name").asText(""), KeyLimits.TAG_BYTES);
        }
        StorageNames.refuse(errs, KIND, name);
        ObjectNode meta = (ObjectNode) stream.get("metadata");
        meta.remove(List.of("selfLink", "deletionTimestamp", "resourceVersion", "managedFields"));
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Timestamps.now(clock));
        meta.put("generation", 1);
        stream.remove("status");
        if (!stream.has("spec")) {
            stream.putObject("spec");
        }
        store.withinRequestTimeout(() -> {
            if (options.dryRun()) {
                if (store.getStream(namespace, name).isPresent()) {
                    throw new ApiException(Status.alreadyExists(Status.GROUP, RESOURCE, name));
                }
            } else {
                try {
                    store.createStream(namespace, name, stream);
                } catch (AlreadyExistsException e) {
                    throw new ApiException(Status.alreadyExists(Status.GROUP, RESOURCE, name));
                }
            }
            return null;
        });
        return render(new StoredStream(namespace, name, 1, stream, Map.of()), Map.of());
    }

    public ObjectNode get(String namespace, String name) {
        if (!isPathSegment(namespace) || !isPathSegment(name) || !KeyLimits.streamFits(namespace, name)) {
            throw new ApiException(Status.notFound(Status.GROUP, RESOURCE, name)); // no such stream can exist
        }
        return store.withinRequestTimeout(() -> {
            StoredStream stream = store.getStream(namespace, name)
                    .orElseThrow(() -> new ApiException(Status.notFound(Status.GROUP, RESOURCE, name)));
            return render(stream, store.history(namespace, name));
        });
    }

    public ObjectNode list(String namespace) {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", KIND + "List");
        list.put("apiVersion", API_VERSION);
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        if (!isPathSegment(namespace) || !KeyLimits.fits(namespace, KeyLimits.NAMESPACE_BYTES)) {
            return list; // a namespace no stream can be in (an encoded '/' in the URL, too long): nothing to list
        }
        store.withinRequestTimeout(() -> {
            for (StoredStream s : store.listStreams(namespace)) {
                items.add(render(s, store.history(namespace, s.name())));
            }
            return null;
        });
        return list;
    }

    /**
     * Whether a name from a URL can name a stored object: not empty and without {@code /} (which
     * arrives percent-encoded as {@code %2F}). Names that are not can exist nowhere: 404, not a store error.
     */
    static boolean isPathSegment(String s) {
        return s != null && !s.isEmpty() && s.indexOf('/') < 0;
    }

    /** {@code status.dockerImageRepository}: the internal registry's pull spec, else the spec's. */
    public String dockerImageRepository(StoredStream stream) {
        if (internalRegistryHostname != null && !internalRegistryHostname.isEmpty()) {
            return internalRegistryHostname + "/" + stream.namespace() + "/" + stream.name();
        }
        return stream.object().path("spec").path("dockerImageRepository").asText("");
    }

    private ObjectNode render(StoredStream stream, Map<String, List<TagEvent>> history) {
        ObjectNode out = stream.object().deepCopy();
        out.with("metadata").put("resourceVersion", Long.toString(stream.resourceVersion()));
        ObjectNode status = out.putObject("status");
        String repository = dockerImageRepository(stream);
        if (!repository.isEmpty()) {
            status.put("dockerImageRepository", repository);
        }
        ArrayNode tags = status.putArray("tags");
        new TreeMap<>(history).forEach((tag, events) -> {
            ObjectNode t = tags.addObject();
            t.put("tag", tag);
            t.set("items", JSON.valueToTree(events));
        });
        return out;
    }

    /** Decodes an ImageStream body: an object of kind ImageStream, namespace filled from the URL. */
    private static ObjectNode decode(byte[] body, String namespace) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(Status.badRequest("the object provided is unrecognized (must be of type " + KIND
                    + "): couldn't get version/kind; json parse error: the body is not a JSON object"));
        }
        ObjectNode stream = (ObjectNode) tree;
        String kind = stream.path("kind").asText(KIND);
        String apiVersion = stream.path("apiVersion").asText(API_VERSION);
        if (!kind.equals(KIND) || !apiVersion.equals(API_VERSION)) {
            throw new ApiException(Status.badRequest("the kind and API version in the data (" + kind + ", " + apiVersion
                    + ") do not match the expected " + KIND + ", " + API_VERSION));
        }
        JsonNode meta = stream.path("metadata");
        JsonNode spec = stream.path("spec");
        if (!meta.isMissingNode() && !meta.isObject() || !spec.isMissingNode() && !spec.isObject()
                || !spec.path("tags").isMissingNode() && !spec.path("tags").isArray()
                || !meta.path("name").isMissingNode() && !meta.path("name").isTextual()) {
            throw new ApiException(Status.badRequest(KIND + " in version \"v1\" cannot be handled as a " + KIND
                    + ": metadata and spec must be objects, spec.tags an array"));
        }
        stream.put("kind", KIND);
        stream.put("apiVersion", API_VERSION);
        ObjectNode m = stream.with("metadata");
        String ns = m.path("namespace").asText("");
        if (ns.isEmpty()) {
            m.put("namespace", namespace);
        } else if (!ns.equals(namespace)) {
            throw new ApiException(Status.namespaceMismatch());
        }
        return stream;
    }
}
