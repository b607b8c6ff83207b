package dev.ism.function.discovery;

import dev.ism.schema.ImageApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents of this server, as kube-apiserver serves them (legacy, unaggregated form):
 * {@code /api} (no core group here), {@code /apis}, {@code /apis/image.openshift.io},
 * {@code /apis/image.openshift.io/v1} and {@code /version}. Each is a fixed object: the controller
 * renders it once.
 */
public final class Discovery {

    /** One entry of the APIResourceList, with the names, kinds, verbs and categories OpenShift gives it. */
    public record Resource(String name, String singularName, boolean namespaced, String kind, List<String> verbs,
                           List<String> shortNames, List<String> categories) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("singularName", singularName);
            m.put("namespaced", namespaced);
            m.put("kind", kind);
            m.put("verbs", verbs);
            if (!shortNames.isEmpty()) {
                m.put("shortNames", shortNames);
            }
            if (!categories.isEmpty()) {
                m.put("categories", categories);
            }
            return m;
        }
    }

    /** What this server serves of image.openshift.io/v1 (the routes of api/Paths). */
    public static final List<Resource> RESOURCES = List.of(
            new Resource(ImageApi.IMAGES, "image", false, ImageApi.KIND_IMAGE, List.of("get"), List.of(), List.of()),
            new Resource(ImageApi.MAPPINGS, "imagestreammapping", true, ImageApi.KIND_IMAGE_STREAM_MAPPING, List.of("create"),
                    List.of(), List.of()),
            new Resource(ImageApi.STREAMS, "imagestream", true, ImageApi.KIND_IMAGE_STREAM, List.of("create", "get", "list"),
                    List.of("is"), List.of("all")));

    private Discovery() {
    }

    /** {@code /api}: APIVersions of the core group, which this server does not serve. */
    public static Map<String, Object> apiVersions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIVersions");
        m.put("versions", List.of());
        m.put("serverAddressByClientCIDRs", List.of());
        return m;
    }

    /** {@code /apis}: APIGroupList. */
    public static Map<String, Object> groupList() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIGroupList");
        m.put("apiVersion", "v1");
        m.put("groups", List.of(groupBody()));
        return m;
    }

    /** {@code /apis/image.openshift.io}: APIGroup. */
    public static Map<String, Object> group() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIGroup");
        m.put("apiVersion", "v1");
        m.putAll(groupBody());
        return m;
    }

    /** {@code /apis/image.openshift.io/v1}: APIResourceList. */
    public static Map<String, Object> resourceList() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIResourceList");
        m.put("apiVersion", "v1");
        m.put("groupVersion", ImageApi.API_VERSION);
        m.put("resources", RESOURCES.stream().map(Resource::json).toList());
        return m;
    }

    /**
     * {@code /version}: the Kubernetes API level this server speaks (kubectl compares it with its own
     * for its version-skew warning), and what it runs on.
     */
    public static Map<String, Object> version(String major, String minor, String gitVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("major", major);
        m.put("minor", minor);
        m.put("gitVersion", gitVersion);
        m.put("gitCommit", "");
        m.put("gitTreeState", "");
        m.put("buildDate", "");
        m.put("goVersion", "");
        m.put("compiler", "");
        m.put("platform", System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT) + "/"
                + System.getProperty("os.arch", ""));
        return m;
    }

    private static Map<String, Object> groupBody() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("groupVersion", ImageApi.API_VERSION);
        v.put("version", ImageApi.VERSION);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", ImageApi.GROUP);
        m.put("versions", List.of(v));
        m.put("preferredVersion", v);
        return m;
    }
}
