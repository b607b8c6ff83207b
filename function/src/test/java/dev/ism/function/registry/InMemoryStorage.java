package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.NewImage;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagChange;
import dev.ism.function.model.TagEvent;
import dev.ism.function.model.TagHead;
import dev.ism.function.registry.storage.AlreadyExistsException;
import dev.ism.function.registry.storage.ConflictException;
import dev.ism.function.registry.storage.ImageStreams;
import dev.ism.function.registry.storage.Images;
import dev.ism.function.registry.storage.ItemTooLargeException;
import dev.ism.function.registry.storage.RequestTimeout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The registry's storage interfaces in memory, for unit tests of the create logic: the contract of
 * {@link ImageStreams} and {@link Images} (resourceVersion conditions, image never overwritten, all or nothing),
 * with hooks that act as another writer just before a tag write. The end-to-end suite uses DynamoDB Local.
 */
final class InMemoryStorage implements ImageStreams, Images, RequestTimeout {

    /** Images larger than this (in JSON characters) are refused, as the real store refuses large items. */
    int maxImageChars = Integer.MAX_VALUE;
    /**
     * Run, one per tag write, before the write is decided: another writer's work between our read and write (or a
     * {@link ConflictException} thrown: a write in flight on the same items).
     */
    final Deque<Runnable> interference = new ArrayDeque<>();
    int streamReads;
    int imageReads;
    int tagWrites;

    private final Map<String, StoredStream> streams = new TreeMap<>();
    /** This process's copies, as DynamoStore keeps them: what it last read or wrote. Others' writes leave them stale. */
    private final Map<String, StoredStream> copies = new HashMap<>();
    private final Map<String, List<TagEvent>> events = new HashMap<>();
    private final Map<String, ObjectNode> images = new HashMap<>();

    @Override
    public <T> T within(Supplier<T> work) {
        return work.get();
    }

    @Override
    public synchronized void create(String namespace, String name, ObjectNode object) {
        String key = namespace + "/" + name;
        if (streams.containsKey(key)) {
            throw new AlreadyExistsException(key, null);
        }
        ObjectNode stored = object.deepCopy();
        stored.remove("status");
        streams.put(key, new StoredStream(namespace, name, 1, stored, Map.of()));
    }

    @Override
    public synchronized Optional<StoredStream> get(String namespace, String name) {
        streamReads++;
        StoredStream s = streams.get(namespace + "/" + name);
        if (s != null) {
            copies.put(namespace + "/" + name, s);
        }
        return Optional.ofNullable(s);
    }

    @Override
    public synchronized Optional<StoredStream> lastCopy(String namespace, String name) {
        return Optional.ofNullable(copies.get(namespace + "/" + name));
    }

    @Override
    public synchronized List<StoredStream> list(String namespace) {
        return streams.values().stream().filter(s -> s.namespace().equals(namespace)).toList();
    }

    @Override
    public synchronized Map<String, List<TagEvent>> history(String namespace, String name) {
        Map<String, List<TagEvent>> out = new LinkedHashMap<>();
        new TreeMap<>(events).forEach((key, list) -> {
            String prefix = namespace + "/" + name + ":";
            if (key.startsWith(prefix)) {
                List<TagEvent> newestFirst = new ArrayList<>(list);
                Collections.reverse(newestFirst);
                out.put(key.substring(prefix.length()), newestFirst);
            }
        });
        return out;
    }

    @Override
    public TagWrite updateTags(StoredStream read, List<TagChange> changes, Optional<NewImage> image) {
        Runnable other = interference.poll();
        if (other != null) {
            other.run();
        }
        synchronized (this) {
            tagWrites++;
            if (image.isPresent() && images.containsKey(image.get().name())) {
                return TagWrite.IMAGE_EXISTS;
            }
            image.ifPresent(this::checkSize);
            String key = read.namespace() + "/" + read.name();
            StoredStream current = streams.get(key);
            if (!changes.isEmpty() && (current == null || changed(read, current, changes))) {
                copies.remove(key);
                throw new ConflictException(key + " changed", null);
            }
            image.ifPresent(i -> images.put(i.name(), i.object().deepCopy()));
            if (!changes.isEmpty()) {
                copies.put(key, apply(current, changes));
            }
            return TagWrite.WRITTEN;
        }
    }

    @Override
    public synchronized Optional<ObjectNode> get(String name) {
        imageReads++;
        return Optional.ofNullable(images.get(name));
    }

    @Override
    public synchronized boolean exists(String name, long jsonBytes, Supplier<NewImage> image) {
        imageReads++;
        if (images.containsKey(name)) {
            return true;
        }
        if (jsonBytes > maxImageChars) { // a JSON's characters are no more than its UTF-8 bytes
            checkSize(image.get());
        }
        return false;
    }

    /** Another writer's mapping of {@code event} to the tag, decided by the history table as ours are. */
    synchronized void writeTag(String namespace, String name, String tag, TagEvent event) {
        StoredStream current = streams.get(namespace + "/" + name);
        TagHead head = current.heads().get(tag);
        TagHistory.Decision d = TagHistory.apply(Optional.ofNullable(head).map(TagHead::event), event);
        if (d instanceof TagHistory.Decision.ReplaceHead replace) {
            apply(current, List.of(new TagChange(tag, head.seq(), replace.event())));
        } else if (d instanceof TagHistory.Decision.Prepend prepend) {
            apply(current, List.of(new TagChange(tag, head == null ? 1 : head.seq() + 1, prepend.event())));
        }
    }

    synchronized Map<String, ObjectNode> images() {
        return Map.copyOf(images);
    }

    /** The store's condition: the stream (its uid), its generation, and the heads of the tags written, as read. */
    private static boolean changed(StoredStream read, StoredStream current, List<TagChange> changes) {
        if (read.generation() != current.generation()
                || !read.object().path("metadata").path("uid").equals(current.object().path("metadata").path("uid"))) {
            return true;
        }
        for (TagChange c : changes) {
            TagHead was = read.heads().get(c.tag());
            TagHead is = current.heads().get(c.tag());
            if (was == null ? is != null : is == null || !was.version().equals(is.version())) {
                return true;
            }
        }
        return false;
    }

    private StoredStream apply(StoredStream current, List<TagChange> changes) {
        Map<String, TagHead> heads = new HashMap<>(current.heads());
        for (TagChange c : changes) {
            List<TagEvent> list = events.computeIfAbsent(current.namespace() + "/" + current.name() + ":" + c.tag(), t -> new ArrayList<>());
            TagHead head = heads.get(c.tag());
            if (head != null && head.seq() == c.seq()) {
                list.set(list.size() - 1, c.event());
            } else {
                list.add(c.event());
            }
            heads.put(c.tag(), new TagHead(c.seq(), c.event(), UUID.randomUUID().toString()));
        }
        StoredStream after = new StoredStream(current.namespace(), current.name(), current.resourceVersion() + 1,
                current.object(), heads);
        streams.put(current.namespace() + "/" + current.name(), after);
        return after;
    }

    private void checkSize(NewImage image) {
        int size = image.object().toString().length();
        if (size > maxImageChars) {
            throw new ItemTooLargeException("Image " + image.name(), size, maxImageChars);
        }
    }
}
