package dev.ism.function.access;

import dev.ism.function.auth.FileLineException;
import dev.ism.function.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ism.function.access.Access.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 4: a malformed policy or token file, a missing file, or an incomplete OIDC setting stops
 * the function at start-up, with the file, the line and the reason in the exception chain (and no
 * token in it, nor in the log): never a function that silently allows or refuses.
 */
class BadFilesTest {

    @TempDir
    Path dir;

    private static final String GOOD_RULE = rule("user", "alice", "namespace", "*", "resource", "*", "apiGroup", "*");

    /** Starts a function that must not start; the exception chain. */
    private static List<Throwable> startFails(Map<String, Object> settings, String... secrets) {
        try (Logs logs = new Logs()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                Api api = new Api(settings);
                api.close();
            }, "the function started");
            for (String secret : secrets) {
                logs.assertNoneContains(secret);
            }
            List<Throwable> chain = new ArrayList<>();
            for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
                chain.add(t);
            }
            return chain;
        }
    }

    private static String messages(List<Throwable> chain) {
        StringBuilder all = new StringBuilder();
        for (Throwable t : chain) {
            all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static void assertMentions(List<Throwable> chain, String... fragments) {
        String all = messages(chain);
        for (String fragment : fragments) {
            assertTrue(all.contains(fragment), () -> "no \"" + fragment + "\" in the exception chain:\n" + all);
        }
    }

    private static <T extends Throwable> T find(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return fail("no " + type.getSimpleName() + " in the exception chain:\n" + messages(chain));
    }

    @Test
    void policyFileWithBadJsonOnLine3() {
        Path policy = Access.write(dir, "policy.jsonl",
                "# line 1: a comment",
                GOOD_RULE,
                "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\", \"spec\": {\"user\": \"bob\"",
                GOOD_RULE);
        List<Throwable> chain = startFails(Access.settings("access-bad-policy-json", "ism.auth.policy-file", policy.toString()));
        assertMentions(chain, policy + " line 3: invalid JSON");
        assertEquals(3, find(chain, FileLineException.class).lineNumber());
    }

    @Test
    void policyFileWithAnUnknownFieldOnLine3() {
        Path policy = Access.write(dir, "policy.jsonl",
                GOOD_RULE,
                "",
                rule("user", "bob", "verb", "create", "namespace", "*"));
        List<Throwable> chain = startFails(Access.settings("access-bad-policy-field", "ism.auth.policy-file", policy.toString()));
        assertMentions(chain, policy + " line 3: unknown field spec.verb");
        assertEquals(3, find(chain, FileLineException.class).lineNumber());
    }

    @Test
    void policyFileWithAWrongTypeOnLine2() {
        Path policy = Access.write(dir, "policy.jsonl",
                GOOD_RULE,
                "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\", \"spec\": {\"user\": \"bob\", \"readonly\": \"yes\"}}");
        List<Throwable> chain = startFails(Access.settings("access-bad-policy-type", "ism.auth.policy-file", policy.toString()));
        assertMentions(chain, policy + " line 2: spec.readonly must be a boolean");
    }

    @Test
    void missingPolicyFile() {
        Path policy = dir.resolve("no-such-policy.jsonl");
        List<Throwable> chain = startFails(Access.settings("access-missing-policy", "ism.auth.policy-file", policy.toString()));
        assertMentions(chain, policy.toString());
    }

    @Test
    void tokenFileWithTooFewColumnsOnLine2() {
        Path tokens = Access.write(dir, "tokens.csv",
                "secret-tok-1,alice,u-1",
                "secret-tok-2,bob",
                "secret-tok-3,carol,u-3");
        List<Throwable> chain = startFails(Access.settings("access-bad-tokens-columns", "ism.auth.token-auth-file", tokens.toString()),
                "secret-tok-");
        assertMentions(chain, tokens + " line 2: must have at least 3 columns");
        assertEquals(2, find(chain, FileLineException.class).lineNumber());
        assertTrue(!messages(chain).contains("secret-tok-"), () -> "a token in the exception chain:\n" + messages(chain));
    }

    @Test
    void tokenFileWithADuplicateTokenOnLine3() {
        Path tokens = Access.write(dir, "tokens.csv",
                "secret-tok-1,alice,u-1",
                "secret-tok-2,bob,u-2",
                "secret-tok-1,mallory,u-3");
        List<Throwable> chain = startFails(Access.settings("access-bad-tokens-duplicate", "ism.auth.token-auth-file", tokens.toString()),
                "secret-tok-");
        assertMentions(chain, tokens + " line 3: duplicate token (same as line 1)");
        assertTrue(!messages(chain).contains("secret-tok-"), () -> "a token in the exception chain:\n" + messages(chain));
    }

    @Test
    void tokenFileWithAnUnterminatedQuoteOnLine2() {
        Path tokens = Access.write(dir, "tokens.csv",
                "secret-tok-1,alice,u-1",
                "secret-tok-2,bob,u-2,\"group-a,group-b");
        List<Throwable> chain = startFails(Access.settings("access-bad-tokens-quote", "ism.auth.token-auth-file", tokens.toString()),
                "secret-tok-");
        assertMentions(chain, tokens + " line 2: unterminated quoted field");
        assertEquals(2, find(chain, FileLineException.class).lineNumber());
        assertTrue(!messages(chain).contains("secret-tok-"), () -> "a token in the exception chain:\n" + messages(chain));
    }

    @Test
    void oidcIssuerWithoutClientId() {
        List<Throwable> chain = startFails(Access.settings("access-oidc-no-client",
                "ism.auth.oidc-issuer-url", "https://issuer.example"));
        assertMentions(chain, "OIDC client ID is required");
    }

    @Test
    void oidcIssuerThatIsNotAnHttpUrl() {
        List<Throwable> chain = startFails(Access.settings("access-oidc-bad-url",
                "ism.auth.oidc-issuer-url", "ftp://issuer.example", "ism.auth.oidc-client-id", "ism"));
        assertMentions(chain, "OIDC issuer URL must be an absolute http(s) URL: ftp://issuer.example");
    }
}
