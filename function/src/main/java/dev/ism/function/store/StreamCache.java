package dev.ism.function.store;

import dev.ism.function.model.StoredStream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The streams this process read or wrote last, for {@link DynamoStore#lastCopy}: a write decided from one of
 * them saves its read, as kube-apiserver's {@code GuaranteedUpdate} starts from the watch cache's copy. A copy
 * may be stale (another process wrote since); the write's conditions then fail and the caller reads again.
 * Bounded by count and by the bytes of the items held, least recently used out first. Thread-safe.
 */
final class StreamCache {

    private record Entry(StoredStream stream, long bytes) {
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

    /** Keeps {@code stream}, whose item takes about {@code itemBytes}; an item over a tenth of the bound is not kept. */
    synchronized void put(StoredStream stream, long itemBytes) {
        String key = key(stream.namespace(), stream.name());
        remove(key);
        if (itemBytes > maxBytes / 10) {
            return;
        }
        entries.put(key, new Entry(stream, itemBytes));
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
