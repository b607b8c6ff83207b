package dev.ism.function.sam.fakecrac;

/** Stand-in for the Lambda runtime's CRaC {@code Context} (see {@link Core}). */
public abstract class Context<R extends Resource> implements Resource {
    protected Context() {
    }

    public abstract void register(R resource);
}
