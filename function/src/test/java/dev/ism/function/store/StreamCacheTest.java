package dev.ism.function.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ism.function.model.StoredStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The copies {@link DynamoStore#lastCopy} serves: bounded by count and bytes, least recently used out first. */
class StreamCacheTest {

    private static StoredStream stream(String name) {
        return new StoredStream("ns", name, 1, JsonNodeFactory.instance.objectNode(), Map.of());
    }

    private static int kept(StreamCache cache, String... names) {
        int kept = 0;
        for (String name : names) {
            if (cache.get("ns", name) != null) {
                kept++;
            }
        }
        return kept;
    }

    @Test
    void keepsAtMostItsCountLeastRecentlyUsedOutFirst() {
        StreamCache cache = new StreamCache(2, 1_000_000);
        cache.put(stream("a"), 10, List.of());
        cache.put(stream("b"), 10, List.of());
        cache.get("ns", "a"); // a is now the most recently used
        cache.put(stream("c"), 10, List.of());

        assertNull(cache.get("ns", "b"));
        assertEquals("a", cache.get("ns", "a").name());
        assertEquals("c", cache.get("ns", "c").name());
        assertEquals(2, kept(cache, "a", "b", "c"));
    }

    @Test
    void keepsAtMostItsBytes() {
        StreamCache cache = new StreamCache(100, 1_000);
        for (int i = 0; i < 20; i++) {
            cache.put(stream("s" + i), 90, List.of());
        }
        String[] names = new String[20];
        for (int i = 0; i < 20; i++) {
            names[i] = "s" + i;
        }
        assertEquals(11, kept(cache, names), "11 x 90 bytes fit in 1,000");
        assertNull(cache.get("ns", "s8"));
        assertEquals("s19", cache.get("ns", "s19").name());
    }

    @Test
    void anItemOverATenthOfTheBoundIsNotKeptAndReplacesNothingStale() {
        StreamCache cache = new StreamCache(100, 1_000);
        StoredStream small = stream("x");
        cache.put(small, 50, List.of());
        cache.put(stream("x"), 101, List.of());
        assertNull(cache.get("ns", "x"), "the older copy of x is gone too: it is stale");
        cache.put(small, 50, List.of());
        assertSame(small, cache.get("ns", "x"));
        // x counts its 50 bytes, not the 101 of the copy refused: 10 x 95 more still fit beside it
        for (int i = 0; i < 10; i++) {
            cache.put(stream("y" + i), 95, List.of());
        }
        assertSame(small, cache.get("ns", "x"));
    }

    @Test
    void forgetRemovesTheCopyAndItsBytes() {
        StreamCache cache = new StreamCache(100, 1_000);
        cache.put(stream("x"), 500, List.of());
        cache.forget("ns", "x");
        assertNull(cache.get("ns", "x"));
        for (int i = 0; i < 10; i++) {
            cache.put(stream("y" + i), 100, List.of());
        }
        assertEquals(10, kept(cache, "y0", "y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9"),
                "the forgotten copy's bytes were given back");
    }

    @Test
    void aCopyIsFoundByItsSourceOnlyWhenTheSourceIsEqual() {
        StreamCache cache = new StreamCache(100, 1_000);
        StoredStream x = stream("x");
        cache.put(x, 10, Arrays.asList(AttributeValue.fromN("1"), null, AttributeValue.fromS("{}"), null));
        assertSame(x, cache.get("ns", "x", Arrays.asList(AttributeValue.fromN("1"), null, AttributeValue.fromS("{}"), null)));
        assertNull(cache.get("ns", "x", Arrays.asList(AttributeValue.fromN("2"), null, AttributeValue.fromS("{}"), null)));
        assertNull(cache.get("ns", "x", Arrays.asList(AttributeValue.fromN("1"), null, AttributeValue.fromS("{ }"), null)));
        assertNull(cache.get("ns", "y", Arrays.asList(AttributeValue.fromN("1"), null, AttributeValue.fromS("{}"), null)));
        assertSame(x, cache.get("ns", "x"), "a miss by source keeps the copy");
    }
}
