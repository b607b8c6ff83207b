package dev.ism.function.registry.storage;

import java.util.function.Supplier;

/** The time the storage calls of one API request may take together. */
public interface RequestTimeout {

    /** Runs {@code work} (the storage calls of one request) within the request's time for storage. */
    <T> T within(Supplier<T> work);
}
