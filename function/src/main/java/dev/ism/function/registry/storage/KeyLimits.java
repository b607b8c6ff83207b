package dev.ism.function.registry.storage;

import dev.ism.schema.Utf8;

/**
 * How long each name in a key may be, so that every key the DynamoDB store builds fits DynamoDB's limits
 * (partition key at most {@value #PARTITION_KEY_BYTES} bytes, sort key at most {@value #SORT_KEY_BYTES}
 * bytes, UTF-8). DynamoDB refuses a longer key with a {@code ValidationException}, after the request was
 * sent; callers check names against these limits first, so that such a name is the client's 422 (or, for a
 * read, a 404: nothing can be stored under it) and never reaches DynamoDB.
 *
 * <p>The keys: stream {@code ns/<ns>} + {@code imagestreams/<name>}; tag event
 * {@code ns/<ns>/imagestreams/<name>} + {@code tag/<tag>/<19 digits>}; image {@code images/<name>} + {@code image}.
 * The stream name's limit comes from its sort key; the namespace's from the event partition key with the
 * longest stream name; the tag's from the event sort key; the image name's from its partition key.
 */
public final class KeyLimits {

    public static final int PARTITION_KEY_BYTES = 2048;
    public static final int SORT_KEY_BYTES = 1024;

    /** {@code imagestreams/<name>} is a sort key. */
    public static final int STREAM_NAME_BYTES = SORT_KEY_BYTES - "imagestreams/".length();
    /** {@code ns/<ns>/imagestreams/<name>} is a partition key, with a stream name up to its limit. */
    public static final int NAMESPACE_BYTES = PARTITION_KEY_BYTES - "ns/".length() - "/imagestreams/".length()
            - STREAM_NAME_BYTES;
    /** {@code tag/<tag>/<seq, 19 digits>} is a sort key. */
    public static final int TAG_BYTES = SORT_KEY_BYTES - "tag/".length() - 1 - 19;
    /** {@code images/<name>} is a partition key. */
    public static final int IMAGE_NAME_BYTES = PARTITION_KEY_BYTES - "images/".length();

    private KeyLimits() {
    }

    /** Whether {@code value} fits in {@code maxBytes} UTF-8 bytes. */
    public static boolean fits(String value, int maxBytes) {
        return value.length() <= maxBytes && (value.length() * 3L <= maxBytes || Utf8.length(value) <= maxBytes);
    }

    /**
     * Whether a key can hold {@code value}: a single path segment (not empty, no {@code /}, which a URL can carry
     * percent-encoded) of at most {@code maxBytes}. No object is stored under any other name.
     */
    public static boolean holds(String value, int maxBytes) {
        return value != null && !value.isEmpty() && value.indexOf('/') < 0 && fits(value, maxBytes);
    }
}
