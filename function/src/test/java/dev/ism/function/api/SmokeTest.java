package dev.ism.function.api;

import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {

    @ParameterizedTest
    @EnumSource(Via.class)
    void registryPushMapsTheImage(Via via) throws Exception {
        Api api = Api.shared();
        String ns = Api.unique("smoke");
        api.createStream(ns, "ruby");
        String body = Files.readString(Path.of("src/test/resources/manifests/ism-registry-push-schema2.json"), StandardCharsets.UTF_8)
                .replace("\"namespace\": \"myproject\"", "\"namespace\": \"" + ns + "\"");
        Api.Response r = api.post(via, Api.REGISTRY_TOKEN, Api.BASE + "/namespaces/" + ns + "/imagestreammappings", body);
        assertEquals(201, r.code(), r.body());
        assertEquals("Success", r.json().path("status").asText());
        Api.Response stream = api.get(via, Api.REGISTRY_TOKEN, Api.BASE + "/namespaces/" + ns + "/imagestreams/ruby");
        assertEquals(200, stream.code(), stream.body());
        assertEquals("latest", stream.json().at("/status/tags/0/tag").asText());
    }
}
