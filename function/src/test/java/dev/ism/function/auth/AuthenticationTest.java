package dev.ism.function.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticationTest {

    private static final String TOKEN = "s3cr3t-t0ken-value";

    private final List<String> seen = new ArrayList<>();

    private Authenticator accepting(String token, String user) {
        return t -> {
            seen.add(t);
            return t.equals(token) ? Optional.of(new UserInfo(user, "", List.of())) : Optional.empty();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN, "BeArEr " + TOKEN,
            "  Bearer " + TOKEN + "  ", "Bearer   " + TOKEN})
    void acceptsBearerHeaders(String header) {
        Authentication authentication = new Authentication(List.of(accepting(TOKEN, "alice")));
        assertEquals("alice", authentication.authenticate(header).orElseThrow().name());
        assertEquals(List.of(TOKEN), seen);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", TOKEN, "Bearer", "Bearer ", "Bearer    ", "Basic " + TOKEN, "Token " + TOKEN,
            "Bearer" + TOKEN, "Bearer " + TOKEN + " extra", "Bearer " + TOKEN + "\tx", "Bearer tok\u00e9n",
            "Bearer:" + TOKEN})
    void refusesOtherHeadersWithoutCallingAuthenticators(String header) {
        try (LogCapture logs = new LogCapture()) {
            Authentication authentication = new Authentication(List.of(accepting(TOKEN, "alice")));
            assertFalse(authentication.authenticate(header).isPresent());
            assertTrue(seen.isEmpty());
            logs.assertNoneContains(TOKEN);
            assertTrue(logs.anyContains("refused"), "the reason is logged");
        }
    }

    @Test
    void firstAcceptingAuthenticatorWins() {
        Authentication authentication = new Authentication(List.of(
                accepting("other", "bob"), accepting(TOKEN, "alice"), accepting(TOKEN, "carol")));
        assertEquals("alice", authentication.authenticate("Bearer " + TOKEN).orElseThrow().name());
        assertEquals(2, seen.size());
    }

    @Test
    void failingAuthenticatorIsSkippedAndTokenNotLogged() {
        Authenticator broken = t -> {
            throw new IllegalStateException("backend down");
        };
        try (LogCapture logs = new LogCapture()) {
            Authentication authentication = new Authentication(List.of(broken, accepting(TOKEN, "alice")));
            assertEquals("alice", authentication.authenticate("Bearer " + TOKEN).orElseThrow().name());
            assertTrue(logs.anyContains("backend down"));
            logs.assertNoneContains(TOKEN);
        }
    }

    @Test
    void unknownTokenIsRefusedAndLogged() {
        try (LogCapture logs = new LogCapture()) {
            Authentication authentication = new Authentication(List.of(accepting("other", "bob")));
            assertFalse(authentication.authenticate("Bearer " + TOKEN).isPresent());
            assertTrue(logs.anyContains("no authenticator accepted"));
            logs.assertNoneContains(TOKEN);
        }
    }

    @Test
    void noAuthenticatorRefusesEverything() {
        Authentication authentication = new Authentication(List.of());
        assertFalse(authentication.authenticate("Bearer " + TOKEN).isPresent());
        assertTrue(authentication.authenticators().isEmpty());
    }

    @Test
    void addsAuthenticatedGroup() {
        Authentication authentication = new Authentication(List.of(
                TokenFileAuthenticator.parse(List.of(TOKEN + ",alice,u1,\"devs\""), "test")));
        UserInfo user = authentication.authenticate("Bearer " + TOKEN).orElseThrow();
        assertEquals(new UserInfo("alice", "u1", List.of("devs", "system:authenticated")), user);
    }
}
