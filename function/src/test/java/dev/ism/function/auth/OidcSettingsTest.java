package dev.ism.function.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OidcSettingsTest {

    @Test
    void defaults() {
        OidcSettings s = OidcSettings.of("https://idp.example.com", "ism");
        assertEquals("sub", s.usernameClaim());
        assertNull(s.usernamePrefix());
        assertNull(s.groupsClaim());
        assertNull(s.groupsPrefix());
        assertNull(s.jwksUri());
        assertEquals(Duration.ofSeconds(60), s.clockSkew());
        assertEquals("https://idp.example.com#", s.effectiveUsernamePrefix());
        assertEquals(URI.create("https://idp.example.com/.well-known/openid-configuration"), s.discoveryUri());
    }

    @Test
    void usernamePrefixDefaulting() {
        String issuer = "https://idp.example.com/realms/x/";
        assertEquals(issuer + "#", new OidcSettings(issuer, "c", "preferred_username", "", null, null, null, null).effectiveUsernamePrefix());
        assertEquals("", new OidcSettings(issuer, "c", "email", null, null, null, null, null).effectiveUsernamePrefix());
        assertEquals("", new OidcSettings(issuer, "c", "sub", "-", null, null, null, null).effectiveUsernamePrefix());
        assertEquals("oidc:", new OidcSettings(issuer, "c", "email", "oidc:", null, null, null, null).effectiveUsernamePrefix());
        assertEquals(URI.create("https://idp.example.com/realms/x/.well-known/openid-configuration"),
                new OidcSettings(issuer, "c", null, null, null, null, null, null).discoveryUri());
    }

    @Test
    void invalid() {
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of(null, "c"));
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of(" ", "c"));
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of("idp.example.com", "c"));
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of("ftp://idp.example.com", "c"));
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of("https://idp.example.com?x=1", "c"));
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of("https://idp.example.com", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new OidcSettings("https://i", "c", null, null, null, null, URI.create("file:///jwks"), null));
        assertThrows(IllegalArgumentException.class,
                () -> new OidcSettings("https://i", "c", null, null, null, null, null, Duration.ofSeconds(-1)));
    }
}
