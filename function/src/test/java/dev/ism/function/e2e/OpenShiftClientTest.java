package dev.ism.function.e2e;

import dev.ism.function.support.Api;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.Image;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.openshift.api.model.ImageStreamBuilder;
import io.fabric8.openshift.api.model.ImageStreamMapping;
import io.fabric8.openshift.api.model.ImageStreamMappingBuilder;
import io.fabric8.openshift.api.model.NamedTagEventList;
import io.fabric8.openshift.api.model.TagEvent;
import io.fabric8.openshift.client.OpenShiftClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.ism.function.e2e.E2e.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A real Kubernetes client library, fabric8's OpenShift client (on the JDK HTTP client), against the
 * local server with the registry's token: it creates a stream, maps an image into it and reads
 * everything back, as an integrator's code would.
 */
class OpenShiftClientTest {

    private static OpenShiftClient client(Api api, String ns, String token) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(api.url().toString())
                .withOauthToken(token)
                .withNamespace(ns)
                .withRequestRetryBackoffLimit(0)
                .build();
        KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(config).build();
        return kubernetes.adapt(OpenShiftClient.class);
    }

    @Test
    void createStreamMapImageReadBack() {
        Api api = Api.shared();
        String ns = Api.unique("fabric8");
        String name = digest("fabric8" + ns);
        String reference = "quay.io/example/ruby@" + name;
        try (OpenShiftClient oc = client(api, ns, Api.REGISTRY_TOKEN)) {
            ImageStream created = oc.imageStreams().inNamespace(ns)
                    .resource(new ImageStreamBuilder().withNewMetadata().withName("ruby").addToLabels("app", "ruby").endMetadata()
                            .withNewSpec().endSpec().build())
                    .create();
            assertEquals("ruby", created.getMetadata().getName());
            assertEquals(ns, created.getMetadata().getNamespace());
            UUID.fromString(created.getMetadata().getUid());
            assertEquals("1", created.getMetadata().getResourceVersion());
            assertEquals(1L, created.getMetadata().getGeneration());
            Instant.parse(created.getMetadata().getCreationTimestamp());

            ImageStreamMapping mapping = new ImageStreamMappingBuilder()
                    .withNewMetadata().withName("ruby").withNamespace(ns).endMetadata()
                    .withTag("latest")
                    .withNewImage()
                    .withNewMetadata().withName(name).endMetadata()
                    .withDockerImageReference(reference)
                    .addNewDockerImageLayer()
                    .withName("sha256:" + "a".repeat(64)).withSize(1234L).withMediaType("application/vnd.oci.image.layer.v1.tar+gzip")
                    .endDockerImageLayer()
                    .endImage()
                    .build();
            ImageStreamMapping answer = oc.imageStreamMappings().inNamespace(ns).create(mapping);
            assertNotNull(answer);

            ImageStream read = oc.imageStreams().inNamespace(ns).withName("ruby").get();
            assertEquals("2", read.getMetadata().getResourceVersion());
            assertEquals(created.getMetadata().getUid(), read.getMetadata().getUid());
            List<NamedTagEventList> tags = read.getStatus().getTags();
            assertEquals(1, tags.size());
            assertEquals("latest", tags.get(0).getTag());
            TagEvent event = tags.get(0).getItems().get(0);
            assertEquals(name, event.getImage());
            assertEquals(reference, event.getDockerImageReference());
            assertEquals(1L, event.getGeneration());
            Instant.parse(event.getCreated());

            Image image = oc.images().withName(name).get();
            assertEquals(reference, image.getDockerImageReference());
            assertEquals(1, image.getDockerImageLayers().size());
            assertEquals(1234L, image.getDockerImageLayers().get(0).getSize());

            assertEquals(List.of("ruby"), oc.imageStreams().inNamespace(ns).list().getItems().stream()
                    .map(s -> s.getMetadata().getName()).toList());
            assertNull(oc.imageStreams().inNamespace(ns).withName("missing").get());

            KubernetesClientException exists = assertThrows(KubernetesClientException.class, () -> oc.imageStreams().inNamespace(ns)
                    .resource(new ImageStreamBuilder().withNewMetadata().withName("ruby").endMetadata().build()).create());
            assertEquals(409, exists.getCode());
            assertEquals("AlreadyExists", exists.getStatus().getReason());

            KubernetesClientException missing = assertThrows(KubernetesClientException.class, () -> oc.imageStreamMappings()
                    .inNamespace(ns).create(new ImageStreamMappingBuilder(mapping).editMetadata().withName("python").endMetadata().build()));
            assertEquals(404, missing.getCode());
            assertEquals("NotFound", missing.getStatus().getReason());
            assertEquals("imagestreammappings.image.openshift.io \"python\" not found", missing.getStatus().getMessage());
        }
    }

    @Test
    void theViewerIsForbiddenToMap() {
        Api api = Api.shared();
        String stream = Api.unique("fabric8");
        api.createStream("myproject", stream);
        try (OpenShiftClient oc = client(api, "myproject", Api.VIEWER_TOKEN)) {
            assertEquals(stream, oc.imageStreams().inNamespace("myproject").withName(stream).get().getMetadata().getName());
            ImageStreamMapping mapping = new ImageStreamMappingBuilder()
                    .withNewMetadata().withName(stream).endMetadata().withTag("latest")
                    .withNewImage().withNewMetadata().withName(digest(stream)).endMetadata()
                    .withDockerImageReference("quay.io/example/x@" + digest(stream))
                    .addNewDockerImageLayer().withName("sha256:" + "b".repeat(64)).withSize(1L).withMediaType("application/octet-stream")
                    .endDockerImageLayer().endImage().build();
            KubernetesClientException forbidden = assertThrows(KubernetesClientException.class,
                    () -> oc.imageStreamMappings().inNamespace("myproject").create(mapping));
            assertEquals(403, forbidden.getCode());
            assertEquals("Forbidden", forbidden.getStatus().getReason());
        }
    }
}
