package dev.ism.function.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ism.schema.GoTime;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Image's {@code dockerImageMetadata}: OpenShift's {@code docker10.DockerImage}, made from an
 * image config as {@code Convert_imageconfig_to_api_DockerImage} makes it, and written in the JSON of
 * metadata version {@code 1.0} (Go field names) or {@code pre012} (the older lower-case names, no
 * labels).
 *
 * @param id   the manifest's config digest
 * @param size the config's length in bytes plus the sizes of the image's distinct layers
 */
record DockerImage(String id, String parent, String comment, Instant created, String container,
                   DockerConfig containerConfig, String dockerVersion, String author, DockerConfig config,
                   String architecture, long size) {

    static final String METADATA_VERSION_PRE012 = "pre012";

    /** The pre012 names of the fields whose 1.0 names are the keys. */
    private static final Map<String, String> PRE012_NAMES = Map.ofEntries(
            Map.entry("Id", "id"), Map.entry("Parent", "parent"), Map.entry("Comment", "comment"),
            Map.entry("Created", "created"), Map.entry("Container", "container"),
            Map.entry("ContainerConfig", "container_config"), Map.entry("DockerVersion", "docker_version"),
            Map.entry("Author", "author"), Map.entry("Config", "config"), Map.entry("Architecture", "architecture"),
            Map.entry("Size", "size"));

    static DockerImage of(ImageConfig c, String id, long size) {
        return new DockerImage(id, c.parent(), c.comment(), c.created(), c.container(), c.containerConfig(),
                c.dockerVersion(), c.author(), c.config(), c.architecture(), size);
    }

    /**
     * The JSON of the Image's {@code dockerImageMetadata} for its {@code dockerImageMetadataVersion}.
     * {@code Created} is a {@code metav1.Time}, which keeps whole seconds through storage (its JSON and
     * protobuf forms both drop the fraction): it reads back cut to the second, and as null (left out)
     * when that is Go's zero time.
     */
    ObjectNode json(String metadataVersion) {
        boolean pre012 = METADATA_VERSION_PRE012.equals(metadataVersion);
        UnaryOperator<String> name = pre012 ? PRE012_NAMES::get : UnaryOperator.identity();
        Instant created = this.created.truncatedTo(ChronoUnit.SECONDS);
        OmitEmpty out = new OmitEmpty()
                .always("kind", text("DockerImage"))
                .always("apiVersion", text(pre012 ? "image.openshift.io/pre012" : "image.openshift.io/1.0"))
                .always(name.apply("Id"), text(id))
                .string(name.apply("Parent"), parent)
                .string(name.apply("Comment"), comment)
                .string(name.apply("Created"), created.equals(GoTime.ZERO) ? "" : GoTime.formatRfc3339Utc(created))
                .string(name.apply("Container"), container)
                .always(name.apply("ContainerConfig"), containerConfig.json(!pre012))
                .string(name.apply("DockerVersion"), dockerVersion)
                .string(name.apply("Author"), author);
        if (config != null) {
            out.always(name.apply("Config"), config.json(!pre012));
        }
        return out.string(name.apply("Architecture"), architecture)
                .int64(name.apply("Size"), size)
                .node();
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }
}
