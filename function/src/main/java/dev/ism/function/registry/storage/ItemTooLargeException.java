package dev.ism.function.registry.storage;

/** An object would not fit in one storage item (the store's item limit); nothing was written. */
public class ItemTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    public ItemTooLargeException(String what, int size, int limit) {
        super(what + " needs " + size + " bytes of storage (after compression), over the limit of "
                + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
