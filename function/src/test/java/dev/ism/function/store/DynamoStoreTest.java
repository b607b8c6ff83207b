package dev.ism.function.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.image.JsonBound;
import dev.ism.function.model.NewImage;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagChange;
import dev.ism.function.model.TagEvent;
import dev.ism.function.model.TagHead;
import dev.ism.function.registry.storage.AlreadyExistsException;
import dev.ism.function.registry.storage.ConflictException;
import dev.ism.function.registry.storage.ImageStreams;
import dev.ism.function.registry.storage.ImageStreams.TagWrite;
import dev.ism.function.registry.storage.ItemTooLargeException;
import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.function.registry.storage.StoreOutcomeUnknownException;
import dev.ism.function.registry.storage.StoreUnavailableException;
import dev.ism.function.support.TableItems;
import dev.ism.schema.Utf8;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The store against DynamoDB Local, in-process, through the real SDK and url-connection-client over loopback. */
class DynamoStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedDynamoDb db;
    private static DynamoDbClient client;
    private static DynamoStore store;
    private static final AtomicInteger queries = new AtomicInteger();

    @BeforeAll
    static void startDatabase() {
        long t0 = System.nanoTime();
        db = EmbeddedDynamoDb.start();
        long t1 = System.nanoTime();
        client = DynamoClients.builder(db.endpoint(), null)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest) {
                            queries.incrementAndGet();
                        }
                    }
                }))
                .build();
        store = new DynamoStore(client, "ism-store-test-" + UUID.randomUUID());
        store.createTable();
        long t2 = System.nanoTime();
        System.out.printf("embedded DynamoDB Local started in %d ms on %s; table created in %d ms%n",
                (t1 - t0) / 1_000_000, db.endpoint(), (t2 - t1) / 1_000_000);
    }

    @AfterAll
    static void stopDatabase() {
        if (client != null) {
            client.close();
        }
        if (db != null) {
            db.close();
        }
    }

    // ------------------------------------------------------------------------------------------- streams

    @Test
    void createTableAgainKeepsTheTableAndItsItems() {
        store.create("again", "app", stream("again", "app"));
        store.createTable();
        TableAdmin.createTable(client, store.tableName());
        assertEquals(stream("again", "app"), store.get("again", "app").orElseThrow().object());
        var keys = client.describeTable(b -> b.tableName(store.tableName())).table().keySchema();
        assertEquals(List.of("pk", "sk"), keys.stream().map(k -> k.attributeName()).toList());
    }

    @Test
    void createAndGetStream() {
        ObjectNode object = stream("create", "app");
        object.putObject("status").put("dockerImageRepository", "registry/create/app");
        store.create("create", "app", object);

        StoredStream s = store.get("create", "app").orElseThrow();
        assertEquals("create", s.namespace());
        assertEquals("app", s.name());
        assertEquals(1, s.resourceVersion());
        assertEquals(Map.of(), s.heads());
        ObjectNode expected = object.deepCopy();
        expected.remove("status");
        assertEquals(expected, s.object());
        assertTrue(object.has("status"), "the caller's object is not changed");

        assertTrue(store.get("create", "missing").isEmpty());
        assertTrue(store.get("other", "app").isEmpty());
    }

    @Test
    void createStreamTwiceIsAlreadyExists() {
        store.create("dup", "app", stream("dup", "app"));
        ObjectNode other = stream("dup", "app");
        other.withObjectProperty("metadata").putObject("labels").put("changed", "yes");
        List<Map<String, AttributeValue>> before = scan();

        assertThrows(AlreadyExistsException.class, () -> store.create("dup", "app", other));

        assertEquals(before, scan());
        assertEquals(stream("dup", "app"), store.get("dup", "app").orElseThrow().object());
    }

    @Test
    void listStreamsReadsEveryPage() {
        for (int i = 0; i < 7; i++) {
            store.create("list", "s" + i, stream("list", "s" + i));
        }
        store.create("list-other", "x", stream("list-other", "x"));
        DynamoStore smallPages = new DynamoStore(client, store.tableName(), 2);

        int q0 = queries.get();
        List<StoredStream> all = smallPages.list("list");
        int pages = queries.get() - q0;

        assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6"), all.stream().map(StoredStream::name).toList());
        assertTrue(pages >= 4, "7 items in pages of 2 take at least 4 queries, took " + pages);
        assertTrue(all.stream().allMatch(s -> s.namespace().equals("list") && s.resourceVersion() == 1));
    }

    @Test
    void listStreamsOverOneMegabyteTakesSeveralQueries() {
        // 20 streams of ~75 KB each once gzip'ed (100,000 incompressible characters in an annotation): 1.5 MB,
        // over the 1 MB a Query returns at most.
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            ObjectNode s = stream("big", "s" + i);
            s.withObjectProperty("metadata").putObject("annotations").put("blob", randomBase64(random, 100_000));
            store.create("big", "s" + i, s);
        }
        int q0 = queries.get();
        List<StoredStream> all = store.list("big");
        int pages = queries.get() - q0;
        assertEquals(20, all.size());
        assertTrue(pages >= 2, "over 1 MB must take more than one query, took " + pages);
        assertEquals(100_000, all.get(3).object().path("metadata").path("annotations").path("blob").asText().length());
    }

    @Test
    void streamTooLargeIsRefusedWithoutWriting() {
        ObjectNode s = stream("huge", "app");
        s.withObjectProperty("metadata").putObject("annotations").put("blob", randomBase64(new Random(3), 600_000));
        List<Map<String, AttributeValue>> before = scan();
        assertThrows(ItemTooLargeException.class, () -> store.create("huge", "app", s));
        assertEquals(before, scan());
    }

    @Test
    void keysMustBeSinglePathSegments() {
        assertThrows(IllegalArgumentException.class, () -> store.create("a/b", "c", stream("a", "c")));
        assertThrows(IllegalArgumentException.class, () -> store.get("a", "b/c"));
        assertThrows(IllegalArgumentException.class, () -> store.get(""));
    }

    // -------------------------------------------------------------------------------------------- images

    @Test
    void putImageIfAbsentNeverOverwrites() {
        ObjectNode first = image("sha256:aaa1", "first");
        ObjectNode second = image("sha256:aaa1", "second");

        assertEquals(TagWrite.WRITTEN, putImage("sha256:aaa1", first));
        assertEquals(TagWrite.IMAGE_EXISTS, putImage("sha256:aaa1", second));
        assertTrue(exists("sha256:aaa1", second));
        assertFalse(exists("sha256:none", second));

        assertEquals(first, store.get("sha256:aaa1").orElseThrow());
        assertTrue(store.get("sha256:none").isEmpty());
    }

    /** A dry run's question, as the registry asks it: with the image's bound, the image made only if asked for. */
    private boolean exists(String name, ObjectNode img) {
        return store.exists(name, JsonBound.of(img), () -> new NewImage(name, img));
    }

    @Test
    void aDryRunMakesNoImageWhoseBoundShowsItFits() {
        putImage("sha256:bound-there", image("sha256:bound-there", "x"));
        Supplier<NewImage> never = () -> {
            throw new AssertionError("the image was made");
        };
        assertTrue(store.exists("sha256:bound-there", Long.MAX_VALUE, never));
        assertFalse(store.exists("sha256:bound-absent", ItemSizes.ALWAYS_FITS_JSON, never));
        List<String> made = new ArrayList<>();
        assertFalse(store.exists("sha256:bound-absent", ItemSizes.ALWAYS_FITS_JSON + 1L, () -> {
            made.add("made");
            return new NewImage("sha256:bound-absent", image("sha256:bound-absent", "x"));
        }));
        assertEquals(List.of("made"), made);
    }

    /** The longest image name the store takes: its key the largest an Image's item can have. */
    private static final String LONGEST_IMAGE_NAME = "sha256:" + "f".repeat(KeyLimits.IMAGE_NAME_BYTES - "sha256:".length());

    /**
     * JSON of {@link ItemSizes#ALWAYS_FITS_JSON} bytes fits an item whatever it holds: gzip'ed random bytes (which no
     * JSON is: text compresses) with the longest image key the store allows, and random printable JSON text.
     */
    @Test
    void jsonUpToTheAlwaysFittingSizeFitsAnItem() {
        Random random = new Random(7);
        byte[] noise = new byte[ItemSizes.ALWAYS_FITS_JSON];
        random.nextBytes(noise);
        Map<String, AttributeValue> item = new HashMap<>(KeyLayout.imageKey(LONGEST_IMAGE_NAME));
        item.put(ItemCodec.OBJZ, AttributeValue.fromB(SdkBytes.fromByteArray(ItemCodec.gzip(noise))));
        assertTrue(ItemSizes.fits(item), "gzip'ed noise: " + ItemSizes.of(item));

        StringBuilder text = new StringBuilder();
        while (text.length() < ItemSizes.ALWAYS_FITS_JSON - 8) {
            text.append((char) (' ' + 1 + random.nextInt(94)));
        }
        ObjectNode img = JsonNodeFactory.instance.objectNode().put("a", text.toString().replace("\\", "").replace("\"", ""));
        assertTrue(Utf8.length(img.toString()) <= ItemSizes.ALWAYS_FITS_JSON);
        assertTrue(ItemSizes.fits(DynamoStore.imageItem(new NewImage(LONGEST_IMAGE_NAME, img))));
    }

    @Test
    void smallImageIsStoredAsString() {
        ObjectNode img = image("sha256:small", "x");
        assertEquals(TagWrite.WRITTEN, putImage("sha256:small", img));
        Map<String, AttributeValue> item = item("images/sha256:small", "image");
        assertTrue(item.containsKey("obj"));
        assertFalse(item.containsKey("objz"));
        assertEquals(img, readJson(item.get("obj").s()));
    }

    @Test
    void largeImageIsStoredCompressedAndReadBackEqual() {
        ObjectNode img = image("sha256:large", "x");
        StringBuilder manifest = new StringBuilder();
        while (manifest.length() < 200_000) {
            manifest.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":12345},");
        }
        img.put("dockerImageManifest", manifest.toString());
        img.put("ratio", 1.50);
        img.put("big", Long.MAX_VALUE);

        assertEquals(TagWrite.WRITTEN, putImage("sha256:large", img));

        Map<String, AttributeValue> item = item("images/sha256:large", "image");
        assertFalse(item.containsKey("obj"));
        assertTrue(item.containsKey("objz"));
        int stored = item.get("objz").b().asByteArray().length;
        assertTrue(stored < 20_000, "compressed to " + stored + " bytes");
        assertTrue(ItemSizes.of(DynamoStore.imageItem(new NewImage("sha256:large", img))) < 20_000);

        ObjectNode back = store.get("sha256:large").orElseThrow();
        assertEquals(img.toString(), back.toString());
        assertEquals(img.get("dockerImageManifest"), back.get("dockerImageManifest"));
    }

    @Test
    void imageOverTheLimitAfterCompressionIsRefusedWithoutWriting() {
        ObjectNode img = image("sha256:toolarge", "x");
        img.put("dockerImageConfig", randomBase64(new Random(42), 600_000));

        int size = ItemSizes.of(DynamoStore.imageItem(new NewImage("sha256:toolarge", img)));
        assertTrue(size > ItemSizes.MAX_ITEM_BYTES, "encoded size " + size);
        List<Map<String, AttributeValue>> before = scan();

        ItemTooLargeException e = assertThrows(ItemTooLargeException.class, () -> putImage("sha256:toolarge", img));
        assertThrows(ItemTooLargeException.class, () -> exists("sha256:toolarge", img));

        assertEquals(size, e.size());
        assertEquals(ItemSizes.MAX_ITEM_BYTES, e.limit());
        assertTrue(e.getMessage().contains(Integer.toString(size)), e.getMessage());
        assertTrue(e.getMessage().contains(Integer.toString(ItemSizes.MAX_ITEM_BYTES)), e.getMessage());
        assertEquals(before, scan());
        assertTrue(store.get("sha256:toolarge").isEmpty());
    }

    // ---------------------------------------------------------------------------------------- tag events

    @Test
    void updateTagsAndHistoryNewestFirst() {
        store.create("tags", "app", stream("tags", "app"));
        StoredStream s1 = store.get("tags", "app").orElseThrow();
        TagEvent e1 = new TagEvent("2024-01-01T00:00:00Z", "reg/tags/app@sha256:1", "sha256:1", 1);
        store.updateTags(s1, List.of(new TagChange("latest", 1, e1)), Optional.empty());

        StoredStream s2 = store.get("tags", "app").orElseThrow();
        assertEquals(2, s2.resourceVersion());
        assertEquals(Map.of("latest", 1L), seqs(s2));
        assertEquals(e1, s2.head("latest"));
        assertEquals(Map.of("latest", List.of(e1)), store.history("tags", "app"));

        // In place: items[0] gets a new generation, same seq.
        TagEvent e1g2 = e1.withGeneration(2);
        store.updateTags(s2, List.of(new TagChange("latest", 1, e1g2)), Optional.empty());
        StoredStream s3 = store.get("tags", "app").orElseThrow();
        assertEquals(3, s3.resourceVersion());
        assertEquals(Map.of("latest", 1L), seqs(s3));
        assertEquals(e1g2, s3.head("latest"));
        assertTrue(!s2.heads().get("latest").version().equals(s3.heads().get("latest").version()), "a new version");
        assertEquals(Map.of("latest", List.of(e1g2)), store.history("tags", "app"));

        // Prepend on latest, and a new tag, in one transaction.
        TagEvent e2 = new TagEvent("2024-01-02T00:00:00Z", "reg/tags/app@sha256:2", "sha256:2", 3);
        TagEvent v1 = new TagEvent("2024-01-02T00:00:00Z", "reg/tags/app@sha256:2", "sha256:2", 3);
        store.updateTags(s3, List.of(new TagChange("latest", 2, e2), new TagChange("v1.0", 1, v1)), Optional.empty());

        StoredStream s4 = store.get("tags", "app").orElseThrow();
        assertEquals(4, s4.resourceVersion());
        assertEquals(Map.of("latest", 2L, "v1.0", 1L), seqs(s4));
        assertEquals(e2, s4.head("latest"));
        assertEquals(v1, s4.head("v1.0"));
        Map<String, List<TagEvent>> history = store.history("tags", "app");
        assertEquals(List.of("latest", "v1.0"), List.copyOf(history.keySet()));
        assertEquals(List.of(e2, e1g2), history.get("latest"));
        assertEquals(List.of(v1), history.get("v1.0"));
        assertEquals(stream("tags", "app"), s4.object(), "tag changes leave the stream object alone");

        assertEquals(Map.of(), store.history("tags", "nothing"));
    }

    @Test
    void eventWithNullFieldsRoundTrips() {
        store.create("nulls", "app", stream("nulls", "app"));
        StoredStream s = store.get("nulls", "app").orElseThrow();
        TagEvent e = new TagEvent(null, "ref", null, 0);
        store.updateTags(s, List.of(new TagChange("t", 1, e)), Optional.empty());
        assertEquals(Map.of("t", List.of(e)), store.history("nulls", "app"));
        assertEquals(e, store.get("nulls", "app").orElseThrow().head("t"));
    }

    @Test
    void aHeadChangedSinceTheReadIsAConflictAndWritesNothing() {
        store.create("stale", "app", stream("stale", "app"));
        StoredStream read = store.get("stale", "app").orElseThrow();
        TagEvent e1 = new TagEvent("2024-01-01T00:00:00Z", "r@sha256:1", "sha256:1", 1);
        store.updateTags(read, List.of(new TagChange("latest", 1, e1)), Optional.empty());
        List<Map<String, AttributeValue>> before = scan();

        TagEvent e2 = new TagEvent("2024-01-01T00:00:01Z", "r@sha256:2", "sha256:2", 1);
        assertThrows(ConflictException.class,
                () -> store.updateTags(read, List.of(new TagChange("latest", 2, e2), new TagChange("other", 1, e2)), Optional.empty()));

        assertEquals(before, scan());
        assertEquals(Map.of("latest", List.of(e1)), store.history("stale", "app"));
        assertEquals(2, store.get("stale", "app").orElseThrow().resourceVersion());
    }

    @Test
    void updateTagsOnAMissingStreamIsConflict() {
        StoredStream ghost = new StoredStream("ghost", "app", 1, stream("ghost", "app"), Map.of());
        List<Map<String, AttributeValue>> before = scan();
        assertThrows(ConflictException.class, () -> store.updateTags(ghost,
                List.of(new TagChange("latest", 1, new TagEvent("c", "r", "i", 1))), Optional.empty()));
        assertEquals(before, scan());
    }

    @Test
    void imageAndTagEventAreWrittenTogether() {
        store.create("together", "app", stream("together", "app"));
        StoredStream read = store.get("together", "app").orElseThrow();
        ObjectNode img = image("sha256:together", "x");
        TagEvent e = new TagEvent("2024-01-01T00:00:00Z", "r@sha256:together", "sha256:together", 1);

        assertEquals(TagWrite.WRITTEN, store.updateTags(read, List.of(new TagChange("latest", 1, e)),
                Optional.of(new NewImage("sha256:together", img))));

        assertEquals(img, store.get("sha256:together").orElseThrow());
        StoredStream after = store.get("together", "app").orElseThrow();
        assertEquals(2, after.resourceVersion());
        assertEquals(e, after.head("latest"));
        assertEquals(Map.of("latest", List.of(e)), store.history("together", "app"));
    }

    @Test
    void anExistingImageWritesNothingAndSaysSo() {
        putImage("sha256:there", image("sha256:there", "first"));
        store.create("there", "app", stream("there", "app"));
        StoredStream read = store.get("there", "app").orElseThrow();
        List<Map<String, AttributeValue>> before = scan();

        TagEvent e = new TagEvent("c", "r@sha256:there", "sha256:there", 1);
        assertEquals(TagWrite.IMAGE_EXISTS, store.updateTags(read, List.of(new TagChange("latest", 1, e)),
                Optional.of(new NewImage("sha256:there", image("sha256:there", "second")))));

        assertEquals(before, scan());
        assertEquals("first", store.get("sha256:there").orElseThrow().path("metadata").path("annotations").path("marker").asText());
        // Without the image, the same change is written.
        assertEquals(TagWrite.WRITTEN, store.updateTags(read, List.of(new TagChange("latest", 1, e)), Optional.empty()));
        assertEquals(e, store.get("there", "app").orElseThrow().head("latest"));
    }

    @Test
    void aStaleStreamWritesNeitherImageNorEvent() {
        store.create("stale-img", "app", stream("stale-img", "app"));
        StoredStream read = store.get("stale-img", "app").orElseThrow();
        TagEvent e1 = new TagEvent("c", "r@sha256:s1", "sha256:s1", 1);
        store.updateTags(read, List.of(new TagChange("latest", 1, e1)), Optional.empty());
        List<Map<String, AttributeValue>> before = scan();

        TagEvent e2 = new TagEvent("c", "r@sha256:s2", "sha256:s2", 1);
        assertThrows(ConflictException.class, () -> store.updateTags(read, List.of(new TagChange("latest", 1, e2)),
                Optional.of(new NewImage("sha256:s2", image("sha256:s2", "x")))));

        assertEquals(before, scan());
        assertTrue(store.get("sha256:s2").isEmpty());
    }

    @Test
    void aWriteToAnotherTagInBetweenIsNoConflict() {
        store.create("others", "app", stream("others", "app"));
        StoredStream read = store.get("others", "app").orElseThrow();
        TagEvent a = new TagEvent("c", "r@sha256:a", "sha256:a", 1);
        TagEvent b = new TagEvent("c", "r@sha256:b", "sha256:b", 1);
        store.updateTags(read, List.of(new TagChange("a", 1, a)), Optional.empty());

        assertEquals(TagWrite.WRITTEN, store.updateTags(read, List.of(new TagChange("b", 1, b)), Optional.empty()));

        StoredStream after = store.get("others", "app").orElseThrow();
        assertEquals(3, after.resourceVersion(), "every write advances the resourceVersion");
        assertEquals(a, after.head("a"));
        assertEquals(b, after.head("b"));
    }

    @Test
    void aNewGenerationIsAConflict() {
        store.create("gen", "app", stream("gen", "app"));
        StoredStream read = store.get("gen", "app").orElseThrow();
        client.updateItem(u -> u.tableName(store.tableName())
                .key(Map.of("pk", AttributeValue.fromS("ns/gen"), "sk", AttributeValue.fromS("imagestreams/app")))
                .updateExpression("SET #g = :g").expressionAttributeNames(Map.of("#g", "gen"))
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromN("2"))));
        List<Map<String, AttributeValue>> before = scan();

        ConflictException e = assertThrows(ConflictException.class, () -> store.updateTags(read,
                List.of(new TagChange("latest", 1, new TagEvent("c", "r", "i", 1))), Optional.empty()));

        assertFalse(e.contention());
        assertEquals(before, scan());
    }

    @Test
    void theLastCopyIsWhatThisStoreReadOrWroteLast() {
        store.create("copy", "app", stream("copy", "app"));
        DynamoStore other = new DynamoStore(client, store.tableName());
        assertTrue(other.lastCopy("copy", "app").isEmpty(), "nothing read yet");
        StoredStream read = other.get("copy", "app").orElseThrow();
        assertEquals(read, other.lastCopy("copy", "app").orElseThrow());

        TagEvent e = new TagEvent("c", "r@sha256:c1", "sha256:c1", 1);
        other.updateTags(read, List.of(new TagChange("latest", 1, e)), Optional.empty());
        StoredStream copy = other.lastCopy("copy", "app").orElseThrow();
        StoredStream stored = other.get("copy", "app").orElseThrow();
        assertEquals(stored.heads(), copy.heads(), "the copy holds the heads as written, their versions too");
        assertEquals(stored.resourceVersion(), copy.resourceVersion());

        // Another process (here: another store) writes: the copy is stale, and a write from it conflicts.
        StoredStream theirs = store.get("copy", "app").orElseThrow();
        store.updateTags(theirs, List.of(new TagChange("latest", 2, e.withImage("sha256:c2"))), Optional.empty());
        assertThrows(ConflictException.class, () -> other.updateTags(copy,
                List.of(new TagChange("latest", 2, e.withImage("sha256:c3"))), Optional.empty()));
        assertTrue(other.lastCopy("copy", "app").isEmpty(), "a conflict forgets the copy");
        assertEquals("sha256:c2", store.get("copy", "app").orElseThrow().head("latest").image());
    }

    /**
     * A stream read again is decoded again only if what it decodes from changed: an item as read or written last
     * gives this store's copy itself; a change of its object or heads shows, even one that left its rv alone.
     */
    @Test
    void aStreamReadAgainUnchangedIsTheCopyAndAnyChangeShows() {
        store.create("again", "app", stream("again", "app"));
        DynamoStore reader = new DynamoStore(client, store.tableName());
        StoredStream first = reader.get("again", "app").orElseThrow();
        assertSame(first, reader.get("again", "app").orElseThrow(), "unchanged: not decoded again");

        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("ns/again"), "sk", AttributeValue.fromS("imagestreams/app"));
        ObjectNode changed = stream("again", "app");
        changed.with("metadata").put("generation", 1).with("labels").put("changed", "yes");
        client.updateItem(u -> u.tableName(store.tableName()).key(key).updateExpression("SET #o = :o")
                .expressionAttributeNames(Map.of("#o", "obj"))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(changed.toString()))));
        StoredStream second = reader.get("again", "app").orElseThrow();
        assertEquals(first.resourceVersion(), second.resourceVersion(), "the rv was left alone");
        assertEquals(changed, second.object());

        TagEvent e = new TagEvent("c", "r@sha256:d1", "sha256:d1", 1);
        client.updateItem(u -> u.tableName(store.tableName()).key(key).updateExpression("SET #h.#t = :h")
                .expressionAttributeNames(Map.of("#h", "heads", "#t", "latest"))
                .expressionAttributeValues(Map.of(":h", ItemCodec.encodeHead(new TagHead(1, e, "v1")))));
        assertEquals(e, reader.get("again", "app").orElseThrow().head("latest"));

        StoredStream read = reader.get("again", "app").orElseThrow();
        reader.updateTags(read, List.of(new TagChange("latest", 2, e.withImage("sha256:d2"))), Optional.empty());
        StoredStream written = reader.lastCopy("again", "app").orElseThrow();
        assertSame(written, reader.get("again", "app").orElseThrow(), "the item as written: the copy made when writing it");
        assertEquals(written, ItemCodec.decodeStream(client.getItem(g -> g.tableName(store.tableName()).key(key)).item()));
    }

    @Test
    void aCopyOfAStreamMadeAnewUnderItsNameTakesNoWrite() {
        store.create("anew", "app", stream("anew", "app"));
        DynamoStore other = new DynamoStore(client, store.tableName());
        StoredStream copy = other.get("anew", "app").orElseThrow();
        // Elsewhere, the stream is removed and made again: same name, same generation, another uid.
        client.deleteItem(b -> b.tableName(store.tableName())
                .key(Map.of("pk", AttributeValue.fromS("ns/anew"), "sk", AttributeValue.fromS("imagestreams/app"))));
        ObjectNode again = stream("anew", "app");
        again.with("metadata").put("uid", "another-uid");
        store.create("anew", "app", again);

        assertThrows(ConflictException.class, () -> other.updateTags(copy,
                List.of(new TagChange("latest", 1, new TagEvent("c", "r", "i", 1))), Optional.empty()));
        assertEquals(Map.of(), store.get("anew", "app").orElseThrow().heads());
    }

    @Test
    void aStreamWhoseHeadsWouldNotFitIsRefusedWithoutWriting() {
        store.create("heads", "app", stream("heads", "app"));
        StoredStream read = store.get("heads", "app").orElseThrow();
        String longRef = randomBase64(new Random(5), 5_000);
        List<TagChange> changes = new ArrayList<>();
        for (int i = 0; i < ImageStreams.MAX_TAG_CHANGES; i++) {
            changes.add(new TagChange("t" + i, 1, new TagEvent("c", longRef, "sha256:" + i, 1)));
        }
        List<Map<String, AttributeValue>> before = scan();

        ItemTooLargeException e = assertThrows(ItemTooLargeException.class,
                () -> store.updateTags(read, changes, Optional.empty()));

        assertTrue(e.size() > ItemSizes.MAX_ITEM_BYTES, e.getMessage());
        assertEquals(before, scan());
    }

    @Test
    void invalidChangesAreRejectedBeforeWriting() {
        store.create("invalid", "app", stream("invalid", "app"));
        StoredStream s = store.get("invalid", "app").orElseThrow();
        TagEvent e = new TagEvent("c", "r", "i", 1);
        store.updateTags(s, List.of(new TagChange("t", 5, e)), Optional.empty());
        StoredStream s2 = store.get("invalid", "app").orElseThrow();
        List<Map<String, AttributeValue>> before = scan();

        assertThrows(IllegalArgumentException.class,
                () -> store.updateTags(s2, List.of(new TagChange("t", 4, e)), Optional.empty()), "below the head");
        assertThrows(IllegalArgumentException.class,
                () -> store.updateTags(s2, List.of(new TagChange("u", 1, e), new TagChange("u", 2, e)), Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> store.updateTags(s2, List.of(new TagChange("a/b", 1, e)), Optional.empty()));
        List<TagChange> tooMany = new ArrayList<>();
        for (int i = 0; i <= ImageStreams.MAX_TAG_CHANGES; i++) {
            tooMany.add(new TagChange("t" + i, 1, e));
        }
        assertThrows(IllegalArgumentException.class, () -> store.updateTags(s2, tooMany, Optional.empty()));
        store.updateTags(s2, List.of(), Optional.empty()); // nothing to do, nothing written

        assertEquals(before, scan());
    }

    @Test
    void twoThousandEventsOnOneTagReadBackCompleteAndOrdered() {
        store.create("long", "app", stream("long", "app"));
        StoredStream s = store.get("long", "app").orElseThrow();
        int n = 2_000;
        long t0 = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            TagEvent e = new TagEvent("2024-01-01T00:00:00Z", "reg/long/app@sha256:" + i, "sha256:" + i, i);
            store.updateTags(s, List.of(new TagChange("latest", i, e)), Optional.empty());
            s = store.get("long", "app").orElseThrow();
        }
        long t1 = System.nanoTime();
        int q0 = queries.get();
        Map<String, List<TagEvent>> history = store.history("long", "app");
        long t2 = System.nanoTime();
        int pages = queries.get() - q0;
        Map<String, List<TagEvent>> paged = new DynamoStore(client, store.tableName(), 150).history("long", "app");
        long t3 = System.nanoTime();
        System.out.printf("%d events written (one transaction each) in %d ms; history read in %d ms (%d queries), "
                        + "in pages of 150 in %d ms%n",
                n, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, pages, (t3 - t2) / 1_000_000);

        StoredStream last = store.get("long", "app").orElseThrow();
        assertEquals(n + 1, last.resourceVersion());
        assertEquals(n, last.heads().get("latest").seq());
        List<TagEvent> events = history.get("latest");
        assertEquals(n, events.size());
        for (int i = 0; i < n; i++) {
            assertEquals("sha256:" + (n - i), events.get(i).image());
            assertEquals(n - i, events.get(i).generation());
        }
        assertEquals(history, paged);
    }

    @Test
    void manyTags() {
        store.create("many", "app", stream("many", "app"));
        StoredStream s = store.get("many", "app").orElseThrow();
        int tags = 250;
        Map<String, TagEvent> expected = new HashMap<>();
        List<TagChange> batch = new ArrayList<>();
        for (int i = 0; i < tags; i++) {
            // Names that sort around each other and contain '.', '-' and '_' (fine in expression attribute names).
            String tag = (i % 3 == 0 ? "v1." : i % 3 == 1 ? "v1-" : "v1_") + i;
            TagEvent e = new TagEvent("2024-01-01T00:00:00Z", "reg/many/app:" + tag, "sha256:" + i, 1);
            expected.put(tag, e);
            batch.add(new TagChange(tag, 1, e));
            if (batch.size() == ImageStreams.MAX_TAG_CHANGES || i == tags - 1) {
                store.updateTags(s, batch, Optional.empty());
                s = store.get("many", "app").orElseThrow();
                batch = new ArrayList<>();
            }
        }
        assertEquals(tags, s.heads().size());
        assertTrue(s.heads().values().stream().allMatch(head -> head.seq() == 1L));
        Map<String, List<TagEvent>> history = store.history("many", "app");
        assertEquals(expected.keySet(), history.keySet());
        expected.forEach((tag, e) -> assertEquals(List.of(e), history.get(tag), tag));
        assertEquals(4, s.resourceVersion());
        expected.forEach((tag, e) -> assertEquals(e, store.get("many", "app").orElseThrow().head(tag), tag));
    }

    // -------------------------------------------------------------------------------------------- errors

    @Test
    void cancellationReasonsAreMapped() {
        StoredStream read = new StoredStream("ns", "n", 3, JSON.createObjectNode(), Map.of());
        List<TagChange> one = List.of(new TagChange("latest", 1, new TagEvent("c", "r", "i", 1)));
        TagTransaction tags = new TagTransaction("t", read, one, "v1", null);
        assertThrows(ConflictException.class, () -> tags.cancelled("w", cancelled("ConditionalCheckFailed", "None")));
        assertTrue(assertThrows(ConflictException.class, () -> tags.cancelled("w", cancelled("None", "TransactionConflict")))
                .contention());
        assertThrows(StoreUnavailableException.class, () -> tags.cancelled("w", cancelled("ThrottlingError", "None")));
        assertThrows(StoreUnavailableException.class,
                () -> tags.cancelled("w", cancelled("None", "ProvisionedThroughputExceeded")));
        var validation = cancelled("ValidationError", "None");
        assertSame(validation, assertThrows(validation.getClass(), () -> tags.cancelled("w", validation)));

        NewImage image = new NewImage("sha256:x", image("sha256:x", "m"));
        TagTransaction withImage = new TagTransaction("t", read, one, "v1", DynamoStore.imageItem(image));
        assertEquals(TagWrite.IMAGE_EXISTS, withImage.cancelled("w", cancelled("None", "None", "ConditionalCheckFailed")));
        assertEquals(TagWrite.IMAGE_EXISTS,
                withImage.cancelled("w", cancelled("ConditionalCheckFailed", "None", "ConditionalCheckFailed")));
        assertThrows(ConflictException.class, () -> withImage.cancelled("w", cancelled("ConditionalCheckFailed", "None", "None")));
    }

    private static Class<?> outcome(boolean write, software.amazon.awssdk.core.exception.SdkException e) {
        return DynamoFaults.translate("w", write, e).getClass();
    }

    private static software.amazon.awssdk.services.dynamodb.model.DynamoDbException service(int code, String error) {
        return (software.amazon.awssdk.services.dynamodb.model.DynamoDbException) software.amazon.awssdk.services.dynamodb.model
                .DynamoDbException.builder().statusCode(code).awsErrorDetails(software.amazon.awssdk.awscore.exception
                        .AwsErrorDetails.builder().errorCode(error).build()).build();
    }

    private static software.amazon.awssdk.core.exception.SdkClientException io(Throwable cause, String... earlier) {
        var e = software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request: "
                + cause.getMessage(), cause);
        for (int i = 0; i < earlier.length; i++) {
            e.addSuppressed(software.amazon.awssdk.core.exception.SdkClientException.create(
                    "Request attempt " + (i + 1) + " failure: Unable to execute HTTP request: " + earlier[i]));
        }
        return e;
    }

    /** 503 only when nothing can have been written; 504 when a write may have been. */
    @Test
    void failuresAreToldApartByWhatMayHaveBeenWritten() {
        var refused = io(new java.net.ConnectException("Connection refused"), "Connection refused", "Connect timed out");
        var readTimeout = io(new java.net.SocketTimeoutException("Read timed out"));
        var refusedAfterATimeout = io(new java.net.ConnectException("Connection refused"), "Read timed out");
        var callTimeout = software.amazon.awssdk.core.exception.ApiCallTimeoutException.create(2000);
        for (var e : List.of(refused, readTimeout, refusedAfterATimeout, callTimeout, service(500, "InternalServerError"))) {
            assertEquals(StoreUnavailableException.class, outcome(false, e), "a read: " + e);
        }
        assertEquals(StoreUnavailableException.class, outcome(true, refused));
        for (var e : List.of(readTimeout, refusedAfterATimeout, callTimeout, service(500, "InternalServerError"),
                service(503, "ServiceUnavailable"), io(new java.io.IOException("Unexpected end of file from server")))) {
            assertEquals(StoreOutcomeUnknownException.class, outcome(true, e), "a write: " + e);
        }
        for (var e : List.of(service(400, "ThrottlingException"), service(400, "ProvisionedThroughputExceededException"),
                software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException.builder().statusCode(400).build(),
                software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException.builder().statusCode(400).build())) {
            assertEquals(StoreUnavailableException.class, outcome(true, e), "throttled: " + e);
        }
        assertEquals(ConflictException.class, outcome(true, software.amazon.awssdk.services.dynamodb.model
                .TransactionConflictException.builder().statusCode(400).build()));
        var validation = service(400, "ValidationException");
        assertSame(validation, DynamoFaults.translate("w", true, validation));
    }

    @Test
    void missingTablePropagatesAsIs() {
        DynamoStore noTable = new DynamoStore(client, "no-such-table-" + UUID.randomUUID());
        assertThrows(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                () -> noTable.get("ns", "n"));
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException cancelled(String... codes) {
        List<software.amazon.awssdk.services.dynamodb.model.CancellationReason> reasons = new ArrayList<>();
        for (String c : codes) {
            reasons.add(software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder().code(c).build());
        }
        return software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.builder()
                .statusCode(400).cancellationReasons(reasons).build();
    }

    static ObjectNode stream(String ns, String name) {
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", "ImageStream");
        s.put("apiVersion", "image.openshift.io/v1");
        ObjectNode meta = s.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", ns);
        meta.put("uid", "0b7f5a2e-1111-2222-3333-" + Math.abs(name.hashCode()));
        s.putObject("spec").putObject("lookupPolicy").put("local", false);
        return s;
    }

    static ObjectNode image(String name, String marker) {
        ObjectNode i = JSON.createObjectNode();
        i.put("kind", "Image");
        i.put("apiVersion", "image.openshift.io/v1");
        i.putObject("metadata").put("name", name).putObject("annotations").put("marker", marker);
        i.put("dockerImageReference", "registry/ns/app@" + name);
        i.putArray("dockerImageLayers");
        return i;
    }

    static String randomBase64(Random random, int chars) {
        byte[] bytes = new byte[chars * 3 / 4];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Map<String, Long> seqs(StoredStream s) {
        Map<String, Long> seqs = new java.util.TreeMap<>();
        s.heads().forEach((tag, head) -> seqs.put(tag, head.seq()));
        return seqs;
    }

    private static List<Map<String, AttributeValue>> scan() {
        return TableItems.scanAll(client, store.tableName());
    }

    /** An image alone, as a mapping whose tag is already in place creates it. */
    private static TagWrite putImage(String name, ObjectNode image) {
        StoredStream anyStream = new StoredStream("images", "any", 1, stream("images", "any"), Map.of());
        return store.updateTags(anyStream, List.of(), Optional.of(new NewImage(name, image)));
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return client.getItem(b -> b.tableName(store.tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
