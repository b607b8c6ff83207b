package dev.ism.function.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.registry.TagEvent;
import dev.ism.schema.Utf8;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The one store: ImageStreams, their tag histories and Images in a single DynamoDB table.
 *
 * <h2>Table</h2>
 * Key: {@code pk} (S, partition key) and {@code sk} (S, sort key). No indexes. On-demand billing.
 *
 * <h2>Items</h2>
 * <table>
 * <caption>Item layout</caption>
 * <tr><th>Item</th><th>pk</th><th>sk</th><th>Attributes</th></tr>
 * <tr><td>ImageStream</td><td>{@code ns/<namespace>}</td><td>{@code imagestreams/<name>}</td>
 *   <td>{@code obj} (S): the stream's JSON without {@code status} (kind, apiVersion, metadata, spec), or
 *   {@code objz} (B): the same JSON gzip'ed, when the JSON is over {@value #COMPRESS_OVER} bytes;<br>
 *   {@code rv} (N): the resourceVersion, 1 at creation, +1 on every write;<br>
 *   {@code heads} (M of N): tag name to the sequence number of the tag's newest event ({@code items[0]}).</td></tr>
 * <tr><td>Tag event</td><td>{@code ns/<namespace>/imagestreams/<name>}</td>
 *   <td>{@code tag/<tag>/<seq>}, seq as a 19-digit zero-padded decimal</td>
 *   <td>{@code created} (S), {@code ref} (S: dockerImageReference), {@code image} (S), {@code gen} (N:
 *   generation). An attribute whose value is null is left out.</td></tr>
 * <tr><td>Image</td><td>{@code images/<name>}</td><td>{@code image}</td>
 *   <td>{@code obj} (S) or {@code objz} (B, gzip) as for streams. Images are immutable: written once,
 *   never overwritten.</td></tr>
 * </table>
 *
 * <p>One item per tag event, so a history grows without bound and never makes the stream item bigger. A tag's
 * history is its event items, newest (highest seq) first; {@code heads[tag]} is the seq of {@code items[0]}.
 * A change of {@code items[0]} in place rewrites the item at the head's seq; a new event takes a higher seq.
 * The stream item and the event items change together in one transaction conditioned on {@code rv}.
 *
 * <h2>Errors</h2>
 * Failures meaning DynamoDB is unreachable or not serving (client-side I/O errors and timeouts, throttling
 * after the SDK's retries, 5xx) become {@link StoreUnavailableException}; other SDK exceptions propagate.
 *
 * <p>Reads are strongly consistent. Instances are immutable and thread-safe.
 */
public final class DynamoStore {

    /** The largest item this store writes: a margin under DynamoDB's 400 KB item limit. */
    public static final int MAX_ITEM_BYTES = 390_000;

    /** JSON over this many UTF-8 bytes is stored gzip'ed ({@code objz}) instead of as a String ({@code obj}). */
    public static final int COMPRESS_OVER = 32 * 1024;

    /** At most this many tag changes in one {@link #applyTagChanges} (DynamoDB: 100 items per transaction). */
    public static final int MAX_TAG_CHANGES = 99;

    static final String PK = "pk";
    static final String SK = "sk";
    static final String OBJ = "obj";
    static final String OBJZ = "objz";
    static final String RV = "rv";
    static final String HEADS = "heads";
    static final String CREATED = "created";
    static final String REF = "ref";
    static final String IMAGE = "image";
    static final String GEN = "gen";

    private static final String STREAM_SK_PREFIX = "imagestreams/";
    private static final String TAG_SK_PREFIX = "tag/";
    private static final String IMAGE_SK = "image";

    /** Shared, thread-safe after configuration. Floats as BigDecimal, kept exactly, so nothing is lost. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** A stream as stored. {@code object} has no status; {@code heads} maps tag to the seq of its newest event. */
    public record StoredStream(String namespace, String name, long resourceVersion, ObjectNode object,
                               Map<String, Long> heads) {
        public StoredStream {
            heads = Collections.unmodifiableMap(new TreeMap<>(heads));
        }
    }

    /**
     * Put {@code event} at {@code seq} in {@code tag}'s history and make it the tag's head. {@code seq} equal to
     * the current head rewrites {@code items[0]} in place; a higher seq prepends a new event.
     */
    public record TagChange(String tag, long seq, TagEvent event) {
        public TagChange {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(event, "event");
        }
    }

    private final DynamoDbClient client;
    private final String table;
    private final StoreTimeouts timeouts;
    /** Query/Scan page size ({@code Limit}); null = DynamoDB's 1 MB pages. Tests set it to force pagination. */
    private final Integer pageLimit;

    public DynamoStore(DynamoDbClient client, String tableName) {
        this(client, tableName, StoreTimeouts.DEFAULT);
    }

    public DynamoStore(DynamoDbClient client, String tableName, StoreTimeouts timeouts) {
        this(client, tableName, null, timeouts);
    }

    DynamoStore(DynamoDbClient client, String tableName, Integer pageLimit) {
        this(client, tableName, pageLimit, StoreTimeouts.DEFAULT);
    }

    private DynamoStore(DynamoDbClient client, String tableName, Integer pageLimit, StoreTimeouts timeouts) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(tableName, "tableName");
        this.pageLimit = pageLimit;
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    public String tableName() {
        return table;
    }

    // ---------------------------------------------------------------------------------------------- table

    /** Creates the table (on-demand billing) unless it exists, then waits until it is ACTIVE. */
    public void createTable() {
        write("create table " + table, () -> {
            try {
                client.createTable(b -> b.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                                AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                        .keySchema(
                                KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build()));
            } catch (ResourceInUseException alreadyThere) {
                // idempotent: created before (or being created): wait for it below
            }
            // The service's default waiter polls every 20 s; a new on-demand table is usually ACTIVE in seconds.
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                    .overrideConfiguration(o -> o
                            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(1)))
                            .maxAttempts(300))
                    .build()) {
                WaiterResponse<DescribeTableResponse> r = waiter.waitUntilTableExists(b -> b.tableName(table));
                r.matched().exception().ifPresent(e -> {
                    throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
                });
            }
            return null;
        });
    }

    // -------------------------------------------------------------------------------------------- streams

    /**
     * Creates the stream with resourceVersion 1 and no tag history. {@code status}, if present, is not stored.
     *
     * @throws AlreadyExistsException when a stream with that namespace and name exists
     * @throws ItemTooLargeException  when the stream would not fit in one item (nothing written)
     */
    public void createStream(String ns, String name, ObjectNode object) {
        segment("namespace", ns, KeyLimits.NAMESPACE_BYTES);
        segment("name", name, KeyLimits.STREAM_NAME_BYTES);
        ObjectNode stored = object.deepCopy();
        stored.remove("status");
        Map<String, AttributeValue> item = new HashMap<>(streamKey(ns, name));
        item.putAll(encodeObject(stored));
        item.put(RV, num(1));
        item.put(HEADS, AttributeValue.fromM(Map.of()));
        int size = itemSize(item);
        if (size > MAX_ITEM_BYTES) {
            throw new ItemTooLargeException("ImageStream " + ns + "/" + name, size, MAX_ITEM_BYTES);
        }
        if (!putIfAbsent("create ImageStream " + ns + "/" + name, item)) {
            throw new AlreadyExistsException("ImageStream " + ns + "/" + name + " already exists", null);
        }
    }

    /**
     * Puts {@code item} unless an item with its key exists. True when created, also when the item found is exactly
     * this one: the SDK retried a put whose first answer was lost (a read timeout after DynamoDB wrote it), and the
     * retry's condition failed on our own write. False when another item is there.
     */
    private boolean putIfAbsent(String what, Map<String, AttributeValue> item) {
        try {
            write(what, () -> client.putItem(b -> b.overrideConfiguration(timeout()).tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            Map<String, AttributeValue> key = Map.of(PK, item.get(PK), SK, item.get(SK));
            try {
                Map<String, AttributeValue> found = read(what + " (whose item exists)",
                        () -> client.getItem(b -> b.overrideConfiguration(timeout()).tableName(table).key(key).consistentRead(true)).item());
                return item.equals(found);
            } catch (StoreUnavailableException e) {
                throw new StoreOutcomeUnknownException(what + ": sent, then the item could not be read back", e);
            }
        }
    }

    /** The stream, read consistently. */
    public Optional<StoredStream> getStream(String ns, String name) {
        segment("namespace", ns, KeyLimits.NAMESPACE_BYTES);
        segment("name", name, KeyLimits.STREAM_NAME_BYTES);
        Map<String, AttributeValue> item = read("read ImageStream " + ns + "/" + name,
                () -> client.getItem(b -> b.overrideConfiguration(timeout()).tableName(table).key(streamKey(ns, name)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decodeStream(item));
    }

    /** Every stream of the namespace, ordered by name (all pages, read consistently). */
    public List<StoredStream> listStreams(String ns) {
        segment("namespace", ns, KeyLimits.NAMESPACE_BYTES);
        QueryRequest q = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", str("ns/" + ns), ":prefix", str(STREAM_SK_PREFIX)))
                .consistentRead(true)
                .limit(pageLimit)
                .build();
        List<StoredStream> out = new ArrayList<>();
        queryAll("list ImageStreams in " + ns, q, item -> out.add(decodeStream(item)));
        return out;
    }

    // --------------------------------------------------------------------------------------------- events

    /** The event at {@code seq} in {@code tag}'s history, read consistently. */
    public Optional<TagEvent> event(String ns, String name, String tag, long seq) {
        segment("namespace", ns, KeyLimits.NAMESPACE_BYTES);
        segment("name", name, KeyLimits.STREAM_NAME_BYTES);
        segment("tag", tag, KeyLimits.TAG_BYTES);
        Map<String, AttributeValue> key = Map.of(PK, str(eventsPk(ns, name)), SK, str(eventSk(tag, seq)));
        Map<String, AttributeValue> item = read("read tag event " + ns + "/" + name + ":" + tag,
                () -> client.getItem(b -> b.overrideConfiguration(timeout()).tableName(table).key(key).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decodeEvent(item));
    }

    /**
     * Every tag's history, tags in name order, each list newest first (all pages, read consistently). Tags
     * without events are absent.
     */
    public Map<String, List<TagEvent>> history(String ns, String name) {
        segment("namespace", ns, KeyLimits.NAMESPACE_BYTES);
        segment("name", name, KeyLimits.STREAM_NAME_BYTES);
        QueryRequest q = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", str(eventsPk(ns, name)), ":prefix", str(TAG_SK_PREFIX)))
                .consistentRead(true)
                .scanIndexForward(false) // highest seq first within each tag
                .limit(pageLimit)
                .build();
        Map<String, List<TagEvent>> byTag = new TreeMap<>();
        queryAll("read history of " + ns + "/" + name, q, item -> {
            String sk = item.get(SK).s();
            String tag = sk.substring(TAG_SK_PREFIX.length(), sk.lastIndexOf('/'));
            byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(decodeEvent(item));
        });
        Map<String, List<TagEvent>> out = new LinkedHashMap<>();
        byTag.forEach((tag, events) -> out.put(tag, Collections.unmodifiableList(events)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * In one transaction: the stream's {@code rv} becomes {@code read.resourceVersion() + 1} and
     * {@code heads[tag] = seq} for each change, on condition that {@code rv} is still
     * {@code read.resourceVersion()}; each change's event is put at its seq. An empty list writes nothing.
     *
     * @throws ConflictException          the stream changed since {@code read} (or a concurrent transaction
     *                                    touched the same items): nothing written; re-read and decide
     * @throws IllegalArgumentException   a tag twice, a seq below the tag's head, more than
     *                                    {@value #MAX_TAG_CHANGES} changes
     * @throws StoreUnavailableException DynamoDB unreachable or throttling
     */
    public void applyTagChanges(StoredStream read, List<TagChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (changes.size() > MAX_TAG_CHANGES) {
            throw new IllegalArgumentException("at most " + MAX_TAG_CHANGES + " tag changes per write, got "
                    + changes.size());
        }
        String ns = read.namespace();
        String name = read.name();
        Set<String> seen = new HashSet<>();
        StringBuilder update = new StringBuilder("SET #rv = :next");
        Map<String, String> names = new HashMap<>(Map.of("#rv", RV, "#heads", HEADS));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":next", num(read.resourceVersion() + 1));
        values.put(":read", num(read.resourceVersion()));
        List<TransactWriteItem> writes = new ArrayList<>(changes.size() + 1);
        String eventsPk = eventsPk(ns, name);
        for (int i = 0; i < changes.size(); i++) {
            TagChange c = changes.get(i);
            segment("tag", c.tag(), KeyLimits.TAG_BYTES);
            if (!seen.add(c.tag())) {
                throw new IllegalArgumentException("tag " + c.tag() + " changed twice in one write");
            }
            Long head = read.heads().get(c.tag());
            if (c.seq() < 1 || (head != null && c.seq() < head)) {
                throw new IllegalArgumentException("seq " + c.seq() + " of tag " + c.tag()
                        + " is below its head " + head);
            }
            update.append(", #heads.#t").append(i).append(" = :s").append(i);
            names.put("#t" + i, c.tag());
            values.put(":s" + i, num(c.seq()));
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(PK, str(eventsPk));
            item.put(SK, str(eventSk(c.tag(), c.seq())));
            TagEvent e = c.event();
            putIfNotNull(item, CREATED, e.created());
            putIfNotNull(item, REF, e.dockerImageReference());
            putIfNotNull(item, IMAGE, e.image());
            item.put(GEN, num(e.generation()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
        }
        writes.add(0, TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(streamKey(ns, name))
                .updateExpression(update.toString())
                .conditionExpression("#rv = :read")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build());
        String what = "update tags of ImageStream " + ns + "/" + name;
        // An explicit token (the SDK would generate one too): the SDK's own retries of this very call are then
        // idempotent for 10 minutes, so a lost response followed by a retry cannot look like a conflict.
        String token = UUID.randomUUID().toString();
        write(what, () -> {
            try {
                return client.transactWriteItems(b -> b.overrideConfiguration(timeout()).transactItems(writes).clientRequestToken(token));
            } catch (TransactionCanceledException e) {
                throw mapCancellation(what, read, e);
            }
        });
    }

    static RuntimeException mapCancellation(String what, StoredStream read, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (CancellationReason r : reasons) {
            String code = r.code();
            if ("ConditionalCheckFailed".equals(code)) {
                return new ConflictException(what + ": resourceVersion is no longer " + read.resourceVersion(), e);
            }
        }
        for (CancellationReason r : reasons) {
            String code = r.code();
            if ("TransactionConflict".equals(code)) {
                return new ConflictException(what + ": a concurrent transaction touched the same items", e);
            }
            if ("ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)
                    || "RequestLimitExceeded".equals(code)) {
                return new StoreUnavailableException(what + ": throttled (" + code + ")", e);
            }
        }
        return e;
    }

    // --------------------------------------------------------------------------------------------- images

    /**
     * Stores the image unless one with that name exists; never overwrites.
     *
     * @return true when created, false when an image with that name already existed (left unchanged)
     * @throws ItemTooLargeException when the image would not fit in one item (see {@link #encodedImageSize}):
     *                               nothing written
     */
    public boolean putImageIfAbsent(String name, ObjectNode image) {
        segment("image name", name, KeyLimits.IMAGE_NAME_BYTES);
        Map<String, AttributeValue> item = imageItem(name, image);
        int size = itemSize(item);
        if (size > MAX_ITEM_BYTES) {
            throw new ItemTooLargeException("Image " + name, size, MAX_ITEM_BYTES);
        }
        return putIfAbsent("create Image " + name, item);
    }

    /** The image, read consistently. */
    public Optional<ObjectNode> getImage(String name) {
        segment("image name", name, KeyLimits.IMAGE_NAME_BYTES);
        Map<String, AttributeValue> item = read("read Image " + name,
                () -> client.getItem(b -> b.overrideConfiguration(timeout()).tableName(table).key(imageKey(name)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decodeObject(item));
    }

    /**
     * The bytes the image's item would take in DynamoDB (keys and attribute names included, after compression
     * when it applies). Above {@link #MAX_ITEM_BYTES}, {@link #putImageIfAbsent} refuses it.
     */
    public int encodedImageSize(ObjectNode image) {
        String name = image.path("metadata").path("name").asText("");
        return itemSize(imageItem(name, image));
    }

    /** The size of the image's item when stored under {@code name}. */
    public int encodedImageSize(String name, ObjectNode image) {
        return itemSize(imageItem(name, image));
    }

    // ---------------------------------------------------------------------------------------------- tests

    /** Every item in the table (all pages, consistent). For tests that prove what was, or was not, written. */
    public List<Map<String, AttributeValue>> scanAll() {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        read("scan " + table, () -> {
            Map<String, AttributeValue> start = null;
            do {
                ScanRequest.Builder b = ScanRequest.builder().tableName(table).consistentRead(true).limit(pageLimit);
                if (start != null) {
                    b.exclusiveStartKey(start);
                }
                ScanResponse r = client.scan(b.build());
                out.addAll(r.items());
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            return null;
        });
        return out;
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private void queryAll(String what, QueryRequest first, Consumer<Map<String, AttributeValue>> sink) {
        read(what, () -> {
            QueryRequest q = first;
            while (true) {
                QueryResponse r = client.query(q.toBuilder().overrideConfiguration(timeout()).build());
                r.items().forEach(sink);
                if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                    return null;
                }
                q = q.toBuilder().exclusiveStartKey(r.lastEvaluatedKey()).build();
            }
        });
    }

    /** Runs {@code work} (the calls of one API request) within {@link StoreTimeouts#request()}. */
    public <T> T withinRequestTimeout(Supplier<T> work) {
        return CallBudget.within(timeouts.request(), work);
    }

    /** Runs a reading SDK call: any failure to get an answer is {@link StoreUnavailableException}. */
    private <T> T read(String what, Supplier<T> op) {
        return call(what, false, op);
    }

    /** Runs a writing SDK call: its failures are told apart by what may have been written ({@link DynamoFaults}). */
    private <T> T write(String what, Supplier<T> op) {
        return call(what, true, op);
    }

    private <T> T call(String what, boolean write, Supplier<T> op) {
        if (CallBudget.remaining(timeouts.call()).isNegative() || CallBudget.remaining(timeouts.call()).isZero()) {
            throw new StoreUnavailableException(what + ": the request's time for DynamoDB is spent; not sent", null);
        }
        try {
            return op.get();
        } catch (SdkException e) {
            throw DynamoFaults.translate(what, write, e);
        }
    }

    /** Each SDK call gets its own timeout, or what is left of the request's when that is less. */
    private Consumer<AwsRequestOverrideConfiguration.Builder> timeout() {
        Duration left = CallBudget.remaining(timeouts.call());
        return o -> o.apiCallTimeout(left);
    }

    private static Map<String, AttributeValue> streamKey(String ns, String name) {
        return Map.of(PK, str("ns/" + ns), SK, str(STREAM_SK_PREFIX + name));
    }

    private static Map<String, AttributeValue> imageKey(String name) {
        return Map.of(PK, str("images/" + name), SK, str(IMAGE_SK));
    }

    private static String eventsPk(String ns, String name) {
        return "ns/" + ns + "/imagestreams/" + name;
    }

    static String eventSk(String tag, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        return TAG_SK_PREFIX + tag + "/" + String.format("%019d", seq);
    }

    private static Map<String, AttributeValue> imageItem(String name, ObjectNode image) {
        Map<String, AttributeValue> item = new HashMap<>(imageKey(name));
        item.putAll(encodeObject(image));
        return item;
    }

    /**
     * Keys must be single path segments, so that no two (namespace, name, tag) share a key, and fit DynamoDB's
     * key limits ({@link KeyLimits}: callers check names first, so this is never the client's doing).
     */
    private static void segment(String what, String value, int maxBytes) {
        if (value == null || value.isEmpty() || value.indexOf('/') >= 0) {
            throw new IllegalArgumentException(what + " must be non-empty and without '/': " + value);
        }
        if (!KeyLimits.fits(value, maxBytes)) {
            throw new IllegalArgumentException(what + " is over " + maxBytes + " bytes, too long for a DynamoDB key");
        }
    }

    private static StoredStream decodeStream(Map<String, AttributeValue> item) {
        String pk = item.get(PK).s();
        String sk = item.get(SK).s();
        Map<String, Long> heads = new TreeMap<>();
        AttributeValue h = item.get(HEADS);
        if (h != null && h.hasM()) {
            h.m().forEach((tag, seq) -> heads.put(tag, Long.parseLong(seq.n())));
        }
        return new StoredStream(pk.substring("ns/".length()), sk.substring(STREAM_SK_PREFIX.length()),
                Long.parseLong(item.get(RV).n()), decodeObject(item), heads);
    }

    private static TagEvent decodeEvent(Map<String, AttributeValue> item) {
        AttributeValue gen = item.get(GEN);
        return new TagEvent(s(item, CREATED), s(item, REF), s(item, IMAGE), gen == null ? 0 : Long.parseLong(gen.n()));
    }

    private static String s(Map<String, AttributeValue> item, String attr) {
        AttributeValue v = item.get(attr);
        return v == null ? null : v.s();
    }

    private static void putIfNotNull(Map<String, AttributeValue> item, String attr, String value) {
        if (value != null) {
            item.put(attr, str(value));
        }
    }

    static Map<String, AttributeValue> encodeObject(ObjectNode object) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize object", e);
        }
        if (json.length <= COMPRESS_OVER) {
            return Map.of(OBJ, str(new String(json, StandardCharsets.UTF_8)));
        }
        return Map.of(OBJZ, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(gzip(json))));
    }

    static ObjectNode decodeObject(Map<String, AttributeValue> item) {
        try {
            JsonNode node;
            AttributeValue plain = item.get(OBJ);
            if (plain != null) {
                node = MAPPER.readTree(plain.s());
            } else {
                AttributeValue z = item.get(OBJZ);
                if (z == null) {
                    throw new IllegalStateException("item " + item.get(PK) + " has neither obj nor objz");
                }
                try (InputStream in = new GZIPInputStream(z.b().asInputStream())) {
                    node = MAPPER.readTree(in);
                }
            }
            if (!(node instanceof ObjectNode o)) {
                throw new IllegalStateException("stored JSON is not an object: " + item.get(PK));
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored JSON in " + item.get(PK), e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return out.toByteArray();
    }

    /**
     * An item's size by DynamoDB's rules: per attribute, the UTF-8 name plus the value; Strings count their
     * UTF-8 bytes, Binary its bytes, Numbers at most 21 bytes (counted as 21 here: an upper bound), Maps and
     * Lists 3 bytes plus 1 byte and the size of each element (Map keys count as names).
     */
    static int itemSize(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += Utf8.length(e.getKey()) + valueSize(e.getValue());
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private static long valueSize(AttributeValue v) {
        switch (v.type()) {
            case S:
                return Utf8.length(v.s());
            case B:
                return v.b().asByteArrayUnsafe().length;
            case N:
                return 21;
            case BOOL:
            case NUL:
                return 1;
            case M: {
                long size = 3;
                for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                    size += 1 + Utf8.length(e.getKey()) + valueSize(e.getValue());
                }
                return size;
            }
            case L: {
                long size = 3;
                for (AttributeValue x : v.l()) {
                    size += 1 + valueSize(x);
                }
                return size;
            }
            case SS:
                return v.ss().stream().mapToLong(Utf8::length).sum();
            case NS:
                return 21L * v.ns().size();
            case BS:
                return v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            default:
                return 0;
        }
    }


    private static AttributeValue str(String s) {
        return AttributeValue.fromS(s);
    }

    private static AttributeValue num(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
