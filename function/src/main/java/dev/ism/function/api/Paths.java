package dev.ism.function.api;

import dev.ism.schema.ImageApi;

/** The routes this function serves, relative to {@link #GROUP_VERSION}. The SAM template lists the same. */
public final class Paths {
    public static final String GROUP_VERSION = ImageApi.PATH;
    public static final String MAPPINGS = "/namespaces/{namespace}/imagestreammappings";
    public static final String STREAMS = "/namespaces/{namespace}/imagestreams";
    public static final String STREAM = "/namespaces/{namespace}/imagestreams/{name}";
    public static final String IMAGE = "/images/{name}";

    private Paths() {
    }
}
