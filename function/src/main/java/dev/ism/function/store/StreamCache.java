package dev.ism.function.store;

import dev.ism.function.model.StoredStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams this process read or wrote last, for {@link DynamoStore#lastCopy}: a write decided from one of
 * them saves its read, as kube-apiserver's {@code GuaranteedUpdate} starts from the watch cache's copy. A copy
 * may be stale (another process wrote since); the write's conditions then fail and the caller reads again.
 * Bounded by count and by the bytes of the items held, least recently used out first (an entry keeps its item's
 * attributes besides the copy, so it takes about twice its item's bytes of heap). Thread-safe.
 */
final class StreamCache {

    /** A copy, the size of its item, and the attributes it was decoded from ({@link ItemCodec#streamSource}). */
    private record Entry(StoredStream stream, long bytes, List<AttributeValue> source) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    StreamCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    synchronized StoredStream get(String namespace, String name) {
        Entry e = entries.get(key(namespace, name));
        return e == null ? null : e.stream();
    }

    /**
     * The copy of the stream, if it was decoded from the attributes {@code source} (so that decoding them again would
     * give it again); else null.
     */
    synchronized StoredStream get(String namespace, String name, List<AttributeValue> source) {
        Entry e = entries.get(key(namespace, name));
        return e == null || !source.equals(e.source()) ? null : e.stream();
    }

    /**
     * Keeps {@code stream}, decoded from the attributes {@code source}, whose item takes about {@code itemBytes}; an
     * item over a tenth of the bound is not kept.
     */
    synchronized void put(StoredStream stream, long itemBytes, List<AttributeValue> source) {
        String key = key(stream.namespace(), stream.name());
        remove(key);
        if (itemBytes > maxBytes / 10) {
            return;
        }
        entries.put(key, new Entry(stream, itemBytes, source));
        bytes += itemBytes;
        var eldest = entries.entrySet().iterator();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            Map.Entry<String, Entry> out = eldest.next();
            bytes -= out.getValue().bytes();
            eldest.remove();
        }
    }

    synchronized void forget(String namespace, String name) {
        remove(key(namespace, name));
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }

    private static String key(String namespace, String name) {
        return namespace + '/' + name;
    }
}
