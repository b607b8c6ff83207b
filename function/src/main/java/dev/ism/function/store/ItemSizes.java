package dev.ism.function.store;

import dev.ism.function.registry.storage.ItemTooLargeException;
import dev.ism.schema.Utf8;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Item sizes by DynamoDB's rules: per attribute, the UTF-8 name plus the value; Strings count their UTF-8 bytes,
 * Binary its bytes, Numbers at most 21 bytes (counted as 21 here: an upper bound), Maps and Lists 3 bytes plus
 * 1 byte and the size of each element (Map keys count as names).
 */
final class ItemSizes {

    /** The largest item the store writes: a margin under DynamoDB's 400 KB item limit. */
    static final int MAX_ITEM_BYTES = 390_000;
    /**
     * An object ({@link ItemCodec#encodeObject}) whose JSON is at most this many UTF-8 bytes always fits in an item with
     * the image's key: as a String, or gzip'ed, which deflate grows by at most an eighth and a sixty-fourth of the
     * input and a few bytes more whatever its settings (zlib's {@code deflateBound}), about 342,200 bytes here;
     * the key, with the longest image name {@link dev.ism.function.registry.storage.KeyLimits} allows, and the
     * attribute names add about 2 KB ({@code DynamoStoreTest} checks random bytes, which do not compress).
     */
    static final int ALWAYS_FITS_JSON = 300_000;

    private ItemSizes() {
    }

    static int of(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += Utf8.length(e.getKey()) + valueSize(e.getValue());
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    static boolean fits(Map<String, AttributeValue> item) {
        return of(item) <= MAX_ITEM_BYTES;
    }

    /** The item's size; throws when it is over {@link #MAX_ITEM_BYTES}, naming {@code what} the item holds. */
    static int requireFits(String what, Map<String, AttributeValue> item) {
        int size = of(item);
        if (size > MAX_ITEM_BYTES) {
            throw new ItemTooLargeException(what, size, MAX_ITEM_BYTES);
        }
        return size;
    }

    private static long valueSize(AttributeValue v) {
        return switch (v.type()) {
            case S -> Utf8.length(v.s());
            case B -> v.b().asByteArrayUnsafe().length;
            case N -> 21;
            case BOOL, NUL -> 1;
            case M -> {
                long size = 3;
                for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                    size += 1 + Utf8.length(e.getKey()) + valueSize(e.getValue());
                }
                yield size;
            }
            case L -> {
                long size = 3;
                for (AttributeValue x : v.l()) {
                    size += 1 + valueSize(x);
                }
                yield size;
            }
            case SS -> v.ss().stream().mapToLong(Utf8::length).sum();
            case NS -> 21L * v.ns().size();
            case BS -> v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            default -> 0;
        };
    }
}
