package dev.ism.function.store;

import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagChange;
import dev.ism.function.model.TagHead;
import dev.ism.function.registry.storage.ConflictException;
import dev.ism.function.registry.storage.ImageStreams;
import dev.ism.function.registry.storage.StoreUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.ism.function.store.KeyLayout.num;
import static dev.ism.function.store.KeyLayout.str;

/**
 * The one transaction of a mapping ({@link ImageStreams#updateTags}): the stream item's update (its {@code rv}
 * advanced and each changed tag's head set, on condition that the stream's uid and generation and those heads
 * are the ones read), the changed tags' event items, and the new image's item (on condition that no item has its key).
 * Items in that order, so that a cancellation's reasons say which condition failed.
 */
final class TagTransaction {

    final List<TransactWriteItem> items = new ArrayList<>();
    /** The stream as it is once the transaction is written (its resourceVersion as if none came between). */
    final StoredStream after;
    /** The stream item once written (as if none came between), and its size. */
    final Map<String, AttributeValue> afterItem;
    final int afterBytes;
    private final boolean withImage;

    /**
     * The transaction's items; throws when a change is not allowed or the stream item would grow too large.
     * {@code version} is the version of the heads it writes (unique per transaction); {@code imageItem}, the new
     * image's item, or null. At least one change: an image alone is a conditional put, no transaction.
     */
    TagTransaction(String table, StoredStream read, List<TagChange> changes, String version,
                   Map<String, AttributeValue> imageItem) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a tag transaction changes at least one tag");
        }
        if (changes.size() > ImageStreams.MAX_TAG_CHANGES) {
            throw new IllegalArgumentException("at most " + ImageStreams.MAX_TAG_CHANGES + " tag changes per write, got "
                    + changes.size());
        }
        this.withImage = imageItem != null;
        String eventsPk = KeyLayout.eventsPk(read.namespace(), read.name());
        StringBuilder update = new StringBuilder("SET #rv = #rv + :one");
        StringBuilder condition = new StringBuilder("attribute_exists(#pk) AND #gen = :gen AND #uid = :uid");
        Map<String, String> names = new HashMap<>(Map.of("#pk", KeyLayout.PK, "#rv", ItemCodec.RV,
                "#gen", ItemCodec.STREAM_GENERATION, "#uid", ItemCodec.STREAM_UID, "#heads", ItemCodec.HEADS));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", num(1));
        values.put(":gen", num(read.generation()));
        values.put(":uid", str(read.object().path("metadata").path("uid").asText("")));
        Map<String, TagHead> heads = new TreeMap<>(read.heads());
        Set<String> seen = new HashSet<>();
        List<TransactWriteItem> events = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            TagChange c = changes.get(i);
            if (!seen.add(c.tag())) {
                throw new IllegalArgumentException("tag " + c.tag() + " changed twice in one write");
            }
            TagHead head = read.heads().get(c.tag());
            if (c.seq() < 1 || (head != null && c.seq() < head.seq())) {
                throw new IllegalArgumentException("seq " + c.seq() + " of tag " + c.tag() + " is below its head");
            }
            names.put("#t" + i, c.tag());
            TagHead written = new TagHead(c.seq(), c.event(), version);
            update.append(", #heads.#t").append(i).append(" = :h").append(i);
            values.put(":h" + i, ItemCodec.encodeHead(written));
            if (head == null) {
                condition.append(" AND attribute_not_exists(#heads.#t").append(i).append(')');
            } else {
                condition.append(" AND #heads.#t").append(i).append(".#v = :v").append(i);
                names.put("#v", ItemCodec.VERSION);
                values.put(":v" + i, str(head.version()));
            }
            heads.put(c.tag(), written);
            Map<String, AttributeValue> item = ItemCodec.encodeEvent(c.event());
            item.put(KeyLayout.PK, str(eventsPk));
            item.put(KeyLayout.SK, str(KeyLayout.eventSk(c.tag(), c.seq())));
            events.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
        }
        after = new StoredStream(read.namespace(), read.name(), read.resourceVersion() + 1, read.object(), heads);
        afterItem = ItemCodec.encodeStream(after); // as any other, it must fit in one item
        afterBytes = ItemSizes.requireFits("ImageStream " + read.namespace() + "/" + read.name(), afterItem);
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(KeyLayout.streamKey(read.namespace(), read.name()))
                .updateExpression(update.toString())
                .conditionExpression(condition.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build());
        items.addAll(events);
        if (withImage) {
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(imageItem)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", KeyLayout.PK)).build()).build());
        }
    }

    /**
     * What a cancellation means: the image's condition failed (it exists: nothing written), else a conflict (the
     * stream's condition, or another transaction on the same items), else throttling.
     */
    ImageStreams.TagWrite cancelled(String what, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        if (withImage && reasons.size() == items.size()
                && "ConditionalCheckFailed".equals(reasons.get(items.size() - 1).code())) {
            return ImageStreams.TagWrite.IMAGE_EXISTS;
        }
        for (CancellationReason r : reasons) {
            if ("ConditionalCheckFailed".equals(r.code())) {
                throw new ConflictException(what + ": a tag's head or the stream's generation changed since it was read", e);
            }
        }
        for (CancellationReason r : reasons) {
            String code = r.code();
            if ("TransactionConflict".equals(code)) {
                throw new ConflictException(what + ": a concurrent transaction touched the same items", e, true);
            }
            if ("ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)
                    || "RequestLimitExceeded".equals(code)) {
                throw new StoreUnavailableException(what + ": throttled (" + code + ")", e);
            }
        }
        throw e;
    }
}
