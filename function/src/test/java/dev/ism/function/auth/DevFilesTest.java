package dev.ism.function.auth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed dev credentials in {@code dev/auth} load and grant what their README says. */
class DevFilesTest {

    private static final String IMG = "image.openshift.io";
    private static final String REGISTRY = "system:serviceaccount:openshift-image-registry:registry";

    private static Authentication authentication;
    private static Authorizer authorizer;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../dev/auth").normalize();
        if (!Files.isDirectory(dir)) {
            dir = Path.of(System.getProperty("user.dir")).resolve("dev/auth");
        }
        authentication = new Authentication(List.of(TokenFileAuthenticator.load(dir.resolve("tokens.csv"))));
        authorizer = new Authorizer(AbacPolicy.load(dir.resolve("policy.jsonl")));
    }

    private static UserInfo user(String token) {
        return authentication.authenticate("Bearer " + token).orElseThrow();
    }

    private static boolean may(String token, String verb, String resource, String namespace) {
        return authorizer.authorize(user(token), new Attributes(verb, IMG, resource, namespace, "")).allowed();
    }

    @Test
    void tokens() {
        UserInfo registry = user("dev-registry-token");
        assertEquals(REGISTRY, registry.name());
        assertEquals(List.of("system:serviceaccounts", "system:serviceaccounts:openshift-image-registry",
                "system:authenticated"), registry.groups());
        assertEquals(List.of("developers", "system:authenticated"), user("dev-viewer-token").groups());
        assertEquals("developer", user("dev-viewer-token").name());
        assertEquals(List.of("system:authenticated"), user("dev-nobody-token").groups());
        assertFalse(authentication.authenticate("Bearer dev-unknown-token").isPresent());
    }

    @Test
    void registryMayDoEverythingInImageGroup() {
        assertTrue(authorizer.authorize(user("dev-registry-token"), createMapping("myproject")).allowed());
        assertTrue(may("dev-registry-token", "create", "imagestreammappings", "any-namespace"));
        assertTrue(may("dev-registry-token", "update", "imagestreams", "other"));
        assertTrue(may("dev-registry-token", "get", "images", ""));
        assertFalse(authorizer.authorize(user("dev-registry-token"), new Attributes("get", "", "secrets", "myproject", "")).allowed());
    }

    @Test
    void developerMayOnlyRead() {
        assertTrue(may("dev-viewer-token", "get", "imagestreams", "myproject"));
        assertTrue(may("dev-viewer-token", "list", "imagestreams", "myproject"));
        assertTrue(may("dev-viewer-token", "get", "images", ""));
        assertFalse(may("dev-viewer-token", "get", "imagestreams", "other"));
        assertFalse(may("dev-viewer-token", "update", "imagestreams", "myproject"));
        assertFalse(may("dev-viewer-token", "create", "images", ""));
        assertFalse(authorizer.authorize(user("dev-viewer-token"), createMapping("myproject")).allowed());
    }

    @Test
    void nobodyMayDoNothing() {
        assertFalse(authorizer.authorize(user("dev-nobody-token"), createMapping("myproject")).allowed());
        assertFalse(may("dev-nobody-token", "get", "images", ""));
        assertFalse(may("dev-nobody-token", "get", "imagestreams", "myproject"));
    }

    /** {@code create imagestreammappings.image.openshift.io} in {@code namespace}. */
    private static Attributes createMapping(String namespace) {
        return new Attributes("create", "image.openshift.io", "imagestreammappings", namespace, "");
    }
}
