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
        assertEquals("sub", s.oidcUsernameClaim());
        assertNull(s.oidcUsernamePrefix());
        assertNull(s.oidcGroupsClaim());
        assertNull(s.oidcGroupsPrefix());
        assertNull(s.jwksUri());
        assertEquals(Duration.ofSeconds(60), s.oidcClockSkew());
        assertEquals("https://idp.example.com#", s.effectiveUsernamePrefix());
        assertEquals(URI.create("https://idp.example.com/.well-known/openid-configuration"), s.discoveryUri());
    }

    @Test
    void usernamePrefixDefaulting() {
        String issuer = "https://idp.example.com/realms/x/";
        OidcSettings s = OidcSettings.of(issuer, "c");
        assertEquals(issuer + "#", s.withUsername("preferred_username", "").effectiveUsernamePrefix());
        assertEquals(issuer + "#", s.withUsername("preferred_username", " ").effectiveUsernamePrefix(), "blank is unset");
        assertEquals("", s.withUsername("email", null).effectiveUsernamePrefix());
        assertEquals("", s.withUsername("sub", "-").effectiveUsernamePrefix());
        assertEquals("oidc:", s.withUsername("email", "oidc:").effectiveUsernamePrefix());
        assertEquals("sub", s.withUsername(" ", null).oidcUsernameClaim(), "blank is unset");
        assertEquals(URI.create("https://idp.example.com/realms/x/.well-known/openid-configuration"), s.discoveryUri());
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
                () -> OidcSettings.of("https://i", "c").withKeys(URI.create("file:///jwks"), null));
        assertThrows(IllegalArgumentException.class,
                () -> OidcSettings.of("https://i", "c").withKeys(null, Duration.ofSeconds(-1)));
    }
}
