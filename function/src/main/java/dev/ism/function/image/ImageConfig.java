package dev.ism.function.image;

import java.time.Instant;

/**
 * An image's config blob ({@code dockerImageConfig}) as OpenShift's {@code DockerImageConfig} decodes
 * it, with the fields the Image's metadata is made from. {@code id}, {@code size}, {@code rootfs},
 * {@code history}, {@code os}, {@code os.version} and {@code os.features} are read for their types
 * only: the metadata does not show them, but a wrong type there makes the config unusable in Go too.
 *
 * @param created  {@link dev.ism.schema.GoTime#ZERO} when the config has none
 * @param config   null when the config has none ({@code *DockerConfig} in Go); {@code containerConfig}
 *                 is held by value and so always present, if empty
 */
record ImageConfig(String parent, String comment, Instant created, String container, DockerConfig containerConfig,
                   String dockerVersion, String author, DockerConfig config, String architecture) {

    /** The struct type, read by {@link #read}. */
    static final GoStruct.Type<ImageConfig> TYPE = GoStruct.type(ImageConfig::read);

    /** Reads the fields; a wrong type anywhere fails the decoding ({@link GoStruct.Type#decode}). */
    static ImageConfig read(GoStruct s) {
        s.string("id");
        s.int64("size");
        s.string("os");
        s.string("os.version");
        s.strings("os.features");
        GoStruct rootfs = s.struct("rootfs");
        if (rootfs != null) {
            rootfs.string("type");
            rootfs.strings("diff_ids");
        }
        s.structs("history", h -> {
            h.time("created");
            h.string("author");
            h.string("created_by");
            h.string("comment");
            return h.bool("empty_layer");
        });
        GoStruct config = s.struct("config");
        return new ImageConfig(s.string("parent"), s.string("comment"), s.time("created"), s.string("container"),
                DockerConfig.read(s.structOrEmpty("container_config")), s.string("docker_version"), s.string("author"),
                config == null ? null : DockerConfig.read(config), s.string("architecture"));
    }
}
