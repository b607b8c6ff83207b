package dev.ism.function.auth;

import dev.ism.schema.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizerTest {

    private final Authorizer authorizer = new Authorizer(AbacPolicy.parse(List.of(
            AbacPolicyTest.line("{\"group\": \"registry\", \"namespace\": \"*\", \"resource\": \"imagestreammappings\", \"apiGroup\": \"image.openshift.io\"}"))));

    @Test
    void allowed() {
        UserInfo user = new UserInfo("reg", "", List.of("registry"));
        Authorizer.Decision decision = authorizer.authorize(user, createMapping("ns1"));
        assertTrue(decision.allowed());
        assertEquals("allowed by policy line 1", decision.reason());
    }

    @Test
    void deniedGivesTheKubeForbiddenStatus() {
        UserInfo user = new UserInfo("nobody", "", List.of());
        Authorizer.Decision decision = authorizer.authorize(user, createMapping("myproject"));
        assertFalse(decision.allowed());
        Status status = decision.forbiddenStatus();
        assertEquals(403, status.code());
        assertEquals("Forbidden", status.reason());
        assertEquals("imagestreammappings.image.openshift.io is forbidden: User \"nobody\" cannot create resource "
                + "\"imagestreammappings\" in API group \"image.openshift.io\" in the namespace \"myproject\"", status.message());
        assertEquals("image.openshift.io", status.details().group());
        assertEquals("imagestreammappings", status.details().kind());
    }

    @Test
    void clusterScopedForbiddenMessage() {
        UserInfo user = new UserInfo("nobody", "", List.of());
        Status status = authorizer.authorize(user, new Attributes("get", "image.openshift.io", "images", null, "sha256:abc"))
                .forbiddenStatus();
        assertEquals("images.image.openshift.io \"sha256:abc\" is forbidden: User \"nobody\" cannot get resource "
                + "\"images\" in API group \"image.openshift.io\" at the cluster scope", status.message());
    }

    @Test
    void denyAllDeniesEverything() {
        UserInfo user = new UserInfo("admin", "", List.of("system:masters"));
        assertFalse(Authorizer.denyAll().authorize(user, new Attributes("get", "", "pods", "", "")).allowed());
    }

    @Test
    void attributes() {
        Attributes a = createMapping("ns");
        assertEquals(new Attributes("create", "image.openshift.io", "imagestreammappings", "ns", ""), a);
        assertFalse(a.isReadOnly());
        Attributes b = new Attributes("watch", null, null, null, null);
        assertTrue(b.isReadOnly());
        assertEquals("", b.apiGroup());
        assertThrows(IllegalArgumentException.class, () -> new Attributes("", "", "", "", ""));
    }

    /** {@code create imagestreammappings.image.openshift.io} in {@code namespace}. */
    private static Attributes createMapping(String namespace) {
        return new Attributes("create", "image.openshift.io", "imagestreammappings", namespace, "");
    }
}
