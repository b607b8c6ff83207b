package dev.ism.function.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFileAuthenticatorTest {

    static Path resource(String name) {
        try {
            return Path.of(TokenFileAuthenticatorTest.class.getResource("/auth/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserInfo user(TokenFileAuthenticator tokens, String token) {
        return tokens.authenticate(token).orElseThrow(() -> new AssertionError("token not accepted"));
    }

    @Test
    void loadsFileWithBlankLinesAndQuotedGroups() throws IOException {
        TokenFileAuthenticator tokens = TokenFileAuthenticator.load(resource("tokens.csv"));
        assertEquals(3, tokens.size());
        assertEquals(new UserInfo("alice", "uid-alice", List.of()), user(tokens, "token-alice"));
        assertEquals(List.of("image-pushers", "image-viewers", "system:authenticated"), user(tokens, "token-bob").groups());
        UserInfo carol = user(tokens, "token-carol");
        assertEquals("carol", carol.name());
        assertEquals("", carol.uid());
        assertEquals(List.of("viewers", "system:authenticated"), carol.groups());
    }

    @Test
    void loadsCrlfFile() throws IOException {
        TokenFileAuthenticator tokens = TokenFileAuthenticator.load(resource("tokens-crlf.csv"));
        assertEquals("dan", user(tokens, "token-dan").name());
        assertEquals(List.of("g1", "g2", "system:authenticated"), user(tokens, "token-erin").groups());
    }

    @Test
    void goodLines() {
        TokenFileAuthenticator tokens = TokenFileAuthenticator.parse(List.of(
                "\uFEFFt1,alice,u1",
                "t2,\"frank \"\"the tank\"\"\",u2",
                "t3,gus,u3,\"g1, g2,,g1\",extra,columns",
                "t4,hal,u4,",
                "t5,ida,u5,\"g,system:authenticated\"",
                "t6,\"a,b\",u6,single"), "test");
        assertEquals(6, tokens.size());
        assertEquals("alice", user(tokens, "t1").name());
        assertEquals("frank \"the tank\"", user(tokens, "t2").name());
        assertEquals(List.of("g1", "g2", "system:authenticated"), user(tokens, "t3").groups());
        assertEquals(List.of("system:authenticated"), user(tokens, "t4").groups());
        assertEquals(List.of("g", "system:authenticated"), user(tokens, "t5").groups());
        assertEquals("a,b", user(tokens, "t6").name());
        assertEquals(List.of("single", "system:authenticated"), user(tokens, "t6").groups());
    }

    @Test
    void unknownEmptyAndNullTokensAreRefused() {
        TokenFileAuthenticator tokens = TokenFileAuthenticator.parse(List.of("t1,alice,u1"), "test");
        assertEquals(Optional.empty(), tokens.authenticate("t2"));
        assertEquals(Optional.empty(), tokens.authenticate("t1 "));
        assertEquals(Optional.empty(), tokens.authenticate("T1"));
        assertEquals(Optional.empty(), tokens.authenticate(""));
        assertEquals(Optional.empty(), tokens.authenticate(null));
    }

    @Test
    void emptyFileRefusesEverything() {
        TokenFileAuthenticator tokens = TokenFileAuthenticator.parse(List.of("", "  "), "test");
        assertEquals(0, tokens.size());
        assertFalse(tokens.authenticate("anything").isPresent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "secret-x,alice                 | must have at least 3 columns (token, user name, user uid), found 2",
            "secret-x                       | must have at least 3 columns (token, user name, user uid), found 1",
            ",alice,u1                      | empty token",
            "secret-x,,u1                   | empty user name",
            "good-token,someone,u9          | duplicate token (same as line 1)",
            "secret-x,\"alice,u1            | unterminated quoted field",
            "secret-x,al\"ice,u1            | bare \" in non-quoted field",
            "secret-x,\"alice\"x,u1         | extraneous or missing \" in quoted field",
    })
    void malformedLineNamesLineAndReasonButNotToken(String line, String reason) {
        FileLineException e = assertThrows(FileLineException.class,
                () -> TokenFileAuthenticator.parse(List.of("good-token,a,u", "", line), "tokens.csv"));
        assertEquals(3, e.lineNumber());
        assertEquals("tokens.csv line 3: " + reason, e.getMessage());
        assertFalse(e.getMessage().contains("secret-x"));
        assertFalse(e.getMessage().contains("good-token"));
    }

    @Test
    void loadNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a,b,c\nonly-two,cols\n");
        FileLineException e = assertThrows(FileLineException.class, () -> TokenFileAuthenticator.load(file));
        assertTrue(e.getMessage().startsWith(file + " line 2: "), e.getMessage());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> TokenFileAuthenticator.load(dir.resolve("absent.csv")));
    }
}
