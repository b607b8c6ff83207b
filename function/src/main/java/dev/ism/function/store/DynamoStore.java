package dev.ism.function.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.NewImage;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagChange;
import dev.ism.function.model.TagEvent;
import dev.ism.function.registry.storage.AlreadyExistsException;
import dev.ism.function.registry.storage.ImageStreams;
import dev.ism.function.registry.storage.Images;
import dev.ism.function.registry.storage.RequestTimeout;
import dev.ism.function.registry.storage.StoreOutcomeUnknownException;
import dev.ism.function.registry.storage.StoreUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.ism.function.store.KeyLayout.str;

/**
 * The registry's storage in one DynamoDB table: where items live is {@link KeyLayout}, what they hold
 * {@link ItemCodec}, how large they may be {@link ItemSizes}, how calls fail {@link DynamoFaults}.
 *
 * <p>One item per tag event, so a history grows without bound; the stream item keeps each tag's newest event
 * too ({@code heads}), so that a mapping reads one item and writes one transaction. A change of
 * {@code items[0]} in place rewrites the item at the head's seq; a new event takes a higher seq.
 *
 * <p>Reads are strongly consistent. Instances are immutable and thread-safe.
 */
public final class DynamoStore implements ImageStreams, Images, RequestTimeout {

    private final DynamoCalls calls;
    /** At most 1,000 streams, 8 MiB of items. */
    private final StreamCache cache = new StreamCache(1_000, 8L << 20);
    /** Query page size ({@code Limit}); null = DynamoDB's 1 MB pages. Tests set it to force pagination. */
    private final Integer pageLimit;

    public DynamoStore(DynamoDbClient client, String tableName) {
        this(client, tableName, StoreTimeouts.DEFAULT);
    }

    public DynamoStore(DynamoDbClient client, String tableName, StoreTimeouts timeouts) {
        this(new DynamoCalls(client, tableName, timeouts), null);
    }

    DynamoStore(DynamoDbClient client, String tableName, Integer pageLimit) {
        this(new DynamoCalls(client, tableName, StoreTimeouts.DEFAULT), pageLimit);
    }

    private DynamoStore(DynamoCalls calls, Integer pageLimit) {
        this.calls = calls;
        this.pageLimit = pageLimit;
    }

    public String tableName() {
        return calls.table();
    }

    /** Creates the table unless it exists ({@link TableAdmin}: local runs and tests only). */
    public void createTable() {
        calls.write("create table " + calls.table(), c -> {
            TableAdmin.createTable(c, calls.table());
            return null;
        });
    }

    @Override
    public <T> T within(Supplier<T> work) {
        return calls.withinRequest(work);
    }

    // -------------------------------------------------------------------------------------------- streams

    @Override
    public void create(String ns, String name, ObjectNode object) {
        ObjectNode stored = object.deepCopy();
        stored.remove("status");
        Map<String, AttributeValue> item = ItemCodec.encodeStream(new StoredStream(ns, name, 1, stored, Map.of()));
        ItemSizes.requireFits("ImageStream " + ns + "/" + name, item);
        cache.forget(ns, name);
        if (!putIfAbsent("create ImageStream " + ns + "/" + name, item)) {
            throw new AlreadyExistsException("ImageStream " + ns + "/" + name + " already exists", null);
        }
    }

    @Override
    public Optional<StoredStream> get(String ns, String name) {
        Map<String, AttributeValue> item = calls.getItem("read ImageStream " + ns + "/" + name, KeyLayout.streamKey(ns, name), null);
        if (item == null) {
            cache.forget(ns, name);
            return Optional.empty();
        }
        // A stream read again as this process last read or wrote it (a dry run's, a retry's) is not decoded again.
        List<AttributeValue> source = ItemCodec.streamSource(item);
        StoredStream stream = cache.get(ns, name, source);
        if (stream == null) {
            stream = ItemCodec.decodeStream(item);
            cache.put(stream, ItemSizes.of(item), source);
        }
        return Optional.of(stream);
    }

    @Override
    public Optional<StoredStream> lastCopy(String ns, String name) {
        return Optional.ofNullable(cache.get(ns, name));
    }

    @Override
    public List<StoredStream> list(String ns) {
        List<StoredStream> out = new ArrayList<>();
        calls.queryAll("list ImageStreams in " + ns, query(KeyLayout.streamsPk(ns), KeyLayout.STREAM_SK_PREFIX, true),
                item -> out.add(ItemCodec.decodeStream(item)));
        return out;
    }

    @Override
    public Map<String, List<TagEvent>> history(String ns, String name) {
        Map<String, List<TagEvent>> byTag = new TreeMap<>();
        // highest seq first within each tag
        calls.queryAll("read history of " + ns + "/" + name, query(KeyLayout.eventsPk(ns, name), KeyLayout.TAG_SK_PREFIX, false),
                item -> byTag.computeIfAbsent(KeyLayout.tagOf(item.get(KeyLayout.SK).s()), t -> new ArrayList<>())
                        .add(ItemCodec.decodeEvent(item)));
        Map<String, List<TagEvent>> out = new LinkedHashMap<>();
        byTag.forEach((tag, events) -> out.put(tag, Collections.unmodifiableList(events)));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public TagWrite updateTags(StoredStream read, List<TagChange> changes, Optional<NewImage> image) {
        Map<String, AttributeValue> imageItem = image.map(DynamoStore::imageItem).orElse(null);
        if (imageItem != null && !ItemSizes.fits(imageItem)) {
            // Too large to store, which matters only if it must be stored: an existing image's content is ignored.
            // exists() is true, or throws ItemTooLargeException when none exists.
            exists(image.get().name(), imageItem);
            return TagWrite.IMAGE_EXISTS;
        }
        if (changes.isEmpty()) {
            return imageItem == null || putIfAbsent("create Image " + image.get().name(), imageItem)
                    ? TagWrite.WRITTEN : TagWrite.IMAGE_EXISTS;
        }
        String what = "update tags of ImageStream " + read.namespace() + "/" + read.name();
        // An explicit token (the SDK would generate one too): the SDK's own retries of this very call are then
        // idempotent for 10 minutes, so a lost response followed by a retry cannot look like a conflict. It is
        // also the version of the heads this transaction writes.
        String token = UUID.randomUUID().toString();
        TagTransaction tx = new TagTransaction(calls.table(), read, changes, token, imageItem);
        try {
            try {
                calls.write(what, c -> c.transactWriteItems(b -> b.overrideConfiguration(calls.timeout())
                        .transactItems(tx.items).clientRequestToken(token)));
            } catch (TransactionCanceledException e) {
                return tx.cancelled(what, e);
            }
        } catch (RuntimeException e) {
            cache.forget(read.namespace(), read.name()); // a conflict, or a write that may or may not have been made
            throw e;
        }
        cache.put(tx.after, tx.afterBytes, ItemCodec.streamSource(tx.afterItem));
        return TagWrite.WRITTEN;
    }

    // --------------------------------------------------------------------------------------------- images

    @Override
    public Optional<ObjectNode> get(String name) {
        Map<String, AttributeValue> item = calls.getItem("read Image " + name, KeyLayout.imageKey(name), null);
        return item == null ? Optional.empty() : Optional.of(ItemCodec.decodeObject(item));
    }

    @Override
    public boolean exists(String name, long jsonBytes, Supplier<NewImage> image) {
        if (stored(name)) {
            return true;
        }
        // Whether it could be stored: JSON of at most ItemSizes.ALWAYS_FITS_JSON bytes always fits in an item (as a
        // String, or gzip'ed), so a dry run makes the image only past that, and its item only when it would be gzip'ed,
        // whose size only the item tells.
        if (jsonBytes > ItemSizes.ALWAYS_FITS_JSON) {
            NewImage made = image.get();
            if (!ItemCodec.keptAsString(made.object())) {
                ItemSizes.requireFits("Image " + name, imageItem(made));
            }
        }
        return false;
    }

    /** {@link #exists(NewImage)} of the image whose item is {@code item}. */
    private boolean exists(String name, Map<String, AttributeValue> item) {
        if (stored(name)) {
            return true;
        }
        ItemSizes.requireFits("Image " + name, item);
        return false;
    }

    /** Whether an Image of this name is stored (its key alone read). */
    private boolean stored(String name) {
        return calls.getItem("read Image " + name, KeyLayout.imageKey(name), KeyLayout.PK) != null;
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    static Map<String, AttributeValue> imageItem(NewImage image) {
        Map<String, AttributeValue> item = new HashMap<>(KeyLayout.imageKey(image.name()));
        item.putAll(ItemCodec.encodeObject(image.object()));
        return item;
    }

    private QueryRequest query(String pk, String skPrefix, boolean ascending) {
        return QueryRequest.builder().tableName(calls.table())
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", KeyLayout.PK, "#sk", KeyLayout.SK))
                .expressionAttributeValues(Map.of(":pk", str(pk), ":prefix", str(skPrefix)))
                .consistentRead(true)
                .scanIndexForward(ascending)
                .limit(pageLimit)
                .build();
    }

    /**
     * Puts {@code item} unless an item with its key exists. True when created, also when the item found is exactly
     * this one: the SDK retried a put whose first answer was lost (a read timeout after DynamoDB wrote it), and the
     * retry's condition failed on our own write. False when another item is there.
     */
    private boolean putIfAbsent(String what, Map<String, AttributeValue> item) {
        try {
            calls.write(what, c -> c.putItem(b -> b.overrideConfiguration(calls.timeout()).tableName(calls.table()).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", KeyLayout.PK))));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            Map<String, AttributeValue> key = Map.of(KeyLayout.PK, item.get(KeyLayout.PK), KeyLayout.SK, item.get(KeyLayout.SK));
            try {
                return item.equals(calls.getItem(what + " (whose item exists)", key, null));
            } catch (StoreUnavailableException e) {
                throw new StoreOutcomeUnknownException(what + ": sent, then the item could not be read back", e);
            }
        }
    }
}
