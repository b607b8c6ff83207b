package dev.ism.function.store;

import dev.ism.function.registry.storage.KeyLimits;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Where each kind of item lives in the one table (key {@code pk}, {@code sk}, both strings):
 * <table>
 * <caption>Keys</caption>
 * <tr><th>Item</th><th>pk</th><th>sk</th></tr>
 * <tr><td>ImageStream</td><td>{@code ns/<namespace>}</td><td>{@code imagestreams/<name>}</td></tr>
 * <tr><td>Tag event</td><td>{@code ns/<namespace>/imagestreams/<name>}</td>
 *   <td>{@code tag/<tag>/<seq>}, seq as a 19-digit zero-padded decimal</td></tr>
 * <tr><td>Image</td><td>{@code images/<name>}</td><td>{@code image}</td></tr>
 * </table>
 * Names must be single path segments, so that no two (namespace, name, tag) share a key, and fit DynamoDB's
 * key limits ({@link KeyLimits}: callers check names first, so a failure here is never the client's doing).
 */
final class KeyLayout {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String STREAM_SK_PREFIX = "imagestreams/";
    static final String TAG_SK_PREFIX = "tag/";
    private static final String IMAGE_SK = "image";

    private KeyLayout() {
    }

    static Map<String, AttributeValue> streamKey(String ns, String name) {
        segment("namespace", ns, KeyLimits.NAMESPACE_BYTES);
        segment("name", name, KeyLimits.STREAM_NAME_BYTES);
        return Map.of(PK, str(streamsPk(ns)), SK, str(STREAM_SK_PREFIX + name));
    }

    static String streamsPk(String ns) {
        return "ns/" + ns;
    }

    static Map<String, AttributeValue> imageKey(String name) {
        segment("image name", name, KeyLimits.IMAGE_NAME_BYTES);
        return Map.of(PK, str("images/" + name), SK, str(IMAGE_SK));
    }

    static String eventsPk(String ns, String name) {
        segment("namespace", ns, KeyLimits.NAMESPACE_BYTES);
        segment("name", name, KeyLimits.STREAM_NAME_BYTES);
        return "ns/" + ns + "/imagestreams/" + name;
    }

    static String eventSk(String tag, long seq) {
        segment("tag", tag, KeyLimits.TAG_BYTES);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        return TAG_SK_PREFIX + tag + "/" + zeroPadded(seq);
    }

    /**
     * {@code seq} in 19 ASCII digits, zeros first, so that keys sort as numbers. Not {@code String.format("%019d")}:
     * that writes the default locale's digits (Thai or Arabic-Indic ones under some locales) into a storage key,
     * and builds a Formatter per call.
     */
    static String zeroPadded(long seq) {
        String digits = Long.toString(seq);
        return "0".repeat(19 - digits.length()) + digits;
    }

    /** The tag of an event item's sort key. */
    static String tagOf(String eventSk) {
        return eventSk.substring(TAG_SK_PREFIX.length(), eventSk.lastIndexOf('/'));
    }

    private static void segment(String what, String value, int maxBytes) {
        if (!KeyLimits.holds(value, maxBytes)) {
            throw new IllegalArgumentException(what + " must be a non-empty segment without '/' of at most " + maxBytes
                    + " bytes: " + value);
        }
    }

    static AttributeValue str(String s) {
        return AttributeValue.fromS(s);
    }

    static AttributeValue num(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
