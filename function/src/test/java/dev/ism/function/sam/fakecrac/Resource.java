package dev.ism.function.sam.fakecrac;

/** Stand-in for the Lambda runtime's CRaC {@code Resource} (see {@link Core}). */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
