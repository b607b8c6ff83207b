package dev.ism.function.image;

/**
 * A manifest's reference to a blob (its config or a layer), OpenShift's {@code Descriptor}: the
 * fields a layer of the Image is made from. Zero values where the manifest gives none.
 */
record Descriptor(String mediaType, long size, String digest) {

    static Descriptor read(GoStruct s) {
        return new Descriptor(s.string("mediaType"), s.int64("size"), s.string("digest"));
    }
}
