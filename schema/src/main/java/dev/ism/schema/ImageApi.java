package dev.ism.schema;

/** The one home of the API's names: its group and version, kinds, resources and the annotations it reads. */
public final class ImageApi {

    public static final String GROUP = "image.openshift.io";
    public static final String VERSION = "v1";
    /** {@code apiVersion} of the objects. */
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** The path every resource of the group version is under. */
    public static final String PATH = "/apis/" + API_VERSION;

    public static final String KIND_IMAGE_STREAM_MAPPING = "ImageStreamMapping";
    public static final String KIND_IMAGE_STREAM = "ImageStream";
    public static final String KIND_IMAGE = "Image";

    public static final String MAPPINGS = "imagestreammappings";
    public static final String STREAMS = "imagestreams";
    public static final String IMAGES = "images";

    /** On a mapping's image: the integrated registry manages the image. */
    public static final String ANNOTATION_MANAGED = "openshift.io/image.managed";
    /** On an image: the order of its {@code dockerImageLayers} ({@code ascending}: the manifest's). */
    public static final String ANNOTATION_LAYERS_ORDER = "image.openshift.io/dockerLayersOrder";
    /** On an image: {@code "true"} when the registry stores the manifest blob (it is dropped from the Image). */
    public static final String ANNOTATION_MANIFEST_BLOB_STORED = "image.openshift.io/manifestBlobStored";

    private ImageApi() {
    }
}
