package dev.ism.function.image;

import java.util.List;

/**
 * An image manifest as OpenShift's {@code DockerImageManifest} decodes it: one struct for every kind
 * the server meets (Docker schema 1, Docker schema 2, OCI image manifest, and the lists of
 * manifests: Docker manifest list, OCI index), told apart by {@code schemaVersion} and
 * {@code mediaType}. Only a schema 2 or OCI image manifest completes an Image; the others leave it as
 * given, and so does a manifest Go would not decode.
 *
 * <p>The schema 1 fields ({@code name}, {@code tag}, {@code architecture}, {@code fsLayers},
 * {@code history}) are read for their types only: a wrong type there fails the decoding in Go too.
 */
record Manifest(long schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers) {

    static final String DOCKER_SCHEMA2 = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /** The struct type, read by {@link #read}. */
    static final GoStruct.Type<Manifest> TYPE = GoStruct.type(Manifest::read);

    /** Reads the fields; a wrong type anywhere fails the decoding ({@link GoStruct.Type#decode}). */
    static Manifest read(GoStruct s) {
        s.string("name");
        s.string("tag");
        s.string("architecture");
        s.structs("fsLayers", layer -> layer.string("blobSum"));
        s.structs("history", entry -> entry.string("v1Compatibility"));
        return new Manifest(s.int64("schemaVersion"), s.string("mediaType"),
                Descriptor.read(s.structOrEmpty("config")), s.structs("layers", Descriptor::read));
    }

    /** A schema 2 or OCI image manifest: one image with a config and layers (not a list of manifests, not schema 1). */
    boolean isImage() {
        return schemaVersion == 2 && !mediaType.equals(DOCKER_LIST) && !mediaType.equals(OCI_INDEX);
    }
}
