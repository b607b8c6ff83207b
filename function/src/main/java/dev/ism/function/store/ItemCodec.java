package dev.ism.function.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.image.JsonBound;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagEvent;
import dev.ism.function.model.TagHead;
import dev.ism.schema.Utf8;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static dev.ism.function.store.KeyLayout.num;
import static dev.ism.function.store.KeyLayout.str;

/**
 * Objects and tag events as item attributes:
 * <ul>
 *   <li>an object (a stream without {@code status}, an Image) is {@code obj} (S): its JSON, or {@code objz}
 *       (B): the same JSON gzip'ed, when the JSON is over {@value #COMPRESS_OVER} bytes;</li>
 *   <li>a tag event is {@code created} (S), {@code ref} (S: dockerImageReference), {@code image} (S),
 *       {@code gen} (N: generation); an attribute whose value is null is left out;</li>
 *   <li>a stream item also has {@code rv} (N): the resourceVersion, {@code gen} (N) and {@code uid} (S): its
 *       metadata.generation and metadata.uid,
 *       and {@code heads} (M): tag name to the tag's newest event, with its {@code seq} (N) and {@code v} (S):
 *       the head's version, the id of the transaction that wrote it.</li>
 * </ul>
 * Floats are kept exactly (BigDecimal), so nothing of a stored object is lost.
 */
final class ItemCodec {

    /** JSON over this many UTF-8 bytes is stored gzip'ed ({@code objz}) instead of as a String ({@code obj}). */
    static final int COMPRESS_OVER = 32 * 1024;

    static final String OBJ = "obj";
    static final String OBJZ = "objz";
    static final String RV = "rv";
    static final String HEADS = "heads";
    static final String SEQ = "seq";
    static final String VERSION = "v";
    /** On the stream item: {@code metadata.generation}, which a tag write is conditioned on. */
    static final String STREAM_GENERATION = "gen";
    /** On the stream item: {@code metadata.uid}, which a tag write is conditioned on (a stream made anew is another). */
    static final String STREAM_UID = "uid";
    private static final String CREATED = "created";
    private static final String REF = "ref";
    private static final String IMAGE = "image";
    private static final String GEN = "gen";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * UTF-8 as the String's own encoding makes it: a pair of surrogates as one four-byte sequence (Jackson's default,
     * to this day, writes each half as three bytes).
     */
    private static final ObjectWriter COUNTING = MAPPER.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    private ItemCodec() {
    }

    static Map<String, AttributeValue> encodeObject(ObjectNode object) {
        String json;
        try {
            json = MAPPER.writeValueAsString(object); // as the attribute holds it: not bytes first, then decoded
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize object", e);
        }
        if (Utf8.length(json) <= COMPRESS_OVER) {
            return Map.of(OBJ, str(json));
        }
        return Map.of(OBJZ, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(gzip(json.getBytes(StandardCharsets.UTF_8)))));
    }

    /**
     * Whether {@link #encodeObject} keeps {@code object} as a String of JSON, not gzip'ed: told from the JSON's UTF-8
     * bytes counted as Jackson writes them, not built. False also when Jackson cannot write them.
     */
    static boolean keptAsString(ObjectNode object) {
        if (JsonBound.of(object) <= COMPRESS_OVER) {
            return true; // most images: a bound is enough, and a walk of the tree is cheaper than writing it
        }
        Counting out = new Counting();
        try {
            COUNTING.writeValue(out, object);
        } catch (IOException e) {
            return false;
        }
        return out.count <= COMPRESS_OVER;
    }

    /** Counts what is written to it, and keeps none of it. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
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
                    throw new IllegalStateException("item " + item.get(KeyLayout.PK) + " has neither obj nor objz");
                }
                try (InputStream in = new GZIPInputStream(z.b().asInputStream())) {
                    node = MAPPER.readTree(in);
                }
            }
            if (!(node instanceof ObjectNode o)) {
                throw new IllegalStateException("stored JSON is not an object: " + item.get(KeyLayout.PK));
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored JSON in " + item.get(KeyLayout.PK), e);
        }
    }

    static StoredStream decodeStream(Map<String, AttributeValue> item) {
        String pk = item.get(KeyLayout.PK).s();
        String sk = item.get(KeyLayout.SK).s();
        Map<String, TagHead> heads = new TreeMap<>();
        AttributeValue h = item.get(HEADS);
        if (h != null && h.hasM()) {
            h.m().forEach((tag, head) -> heads.put(tag, new TagHead(Long.parseLong(head.m().get(SEQ).n()),
                    decodeEvent(head.m()), head.m().get(VERSION).s())));
        }
        return new StoredStream(pk.substring("ns/".length()), sk.substring(KeyLayout.STREAM_SK_PREFIX.length()),
                Long.parseLong(item.get(RV).n()), decodeObject(item), heads);
    }

    /** The stream's item, its key included: what {@link #decodeStream} reads back as {@code stream}. */
    static Map<String, AttributeValue> encodeStream(StoredStream stream) {
        Map<String, AttributeValue> item = new HashMap<>(KeyLayout.streamKey(stream.namespace(), stream.name()));
        item.putAll(encodeObject(stream.object()));
        item.put(RV, num(stream.resourceVersion()));
        item.put(STREAM_GENERATION, num(stream.generation()));
        item.put(STREAM_UID, str(stream.object().path("metadata").path("uid").asText("")));
        Map<String, AttributeValue> heads = new HashMap<>();
        stream.heads().forEach((tag, head) -> heads.put(tag, encodeHead(head)));
        item.put(HEADS, AttributeValue.fromM(heads));
        return item;
    }

    /**
     * The attributes of a stream item that {@link #decodeStream} reads besides its key: two items of one key with equal
     * sources decode to equal streams. Its elements may be null.
     */
    static List<AttributeValue> streamSource(Map<String, AttributeValue> item) {
        return Arrays.asList(item.get(RV), item.get(HEADS), item.get(OBJ), item.get(OBJZ));
    }

    /** The event's attributes, as an event item holds them (without its key). */
    static Map<String, AttributeValue> encodeEvent(TagEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        putIfNotNull(item, CREATED, e.created());
        putIfNotNull(item, REF, e.dockerImageReference());
        putIfNotNull(item, IMAGE, e.image());
        item.put(GEN, num(e.generation()));
        return item;
    }

    /** A tag's head in the stream item's {@code heads}: the event's attributes, its seq and version. */
    static AttributeValue encodeHead(TagHead h) {
        Map<String, AttributeValue> head = encodeEvent(h.event());
        head.put(SEQ, num(h.seq()));
        head.put(VERSION, str(h.version()));
        return AttributeValue.fromM(head);
    }

    static TagEvent decodeEvent(Map<String, AttributeValue> item) {
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

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return out.toByteArray();
    }
}
