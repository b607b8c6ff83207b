package dev.ism.function.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbacPolicyTest {

    static String line(String spec) {
        return "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\", \"spec\": " + spec + "}";
    }

    private static final AbacPolicy POLICY = AbacPolicy.parse(List.of(
            "# table policy",
            line("{\"user\": \"alice\", \"namespace\": \"ns1\", \"resource\": \"imagestreams\", \"apiGroup\": \"image.openshift.io\", \"readonly\": true}"),
            line("{\"group\": \"pushers\", \"namespace\": \"*\", \"resource\": \"*\", \"apiGroup\": \"image.openshift.io\"}"),
            line("{\"user\": \"bob\", \"namespace\": \"\", \"resource\": \"images\", \"apiGroup\": \"image.openshift.io\"}"),
            line("{\"user\": \"carol\", \"group\": \"auditors\", \"namespace\": \"*\", \"resource\": \"*\", \"apiGroup\": \"*\", \"readonly\": true}"),
            line("{\"user\": \"dave\", \"namespace\": \"ns1\", \"resource\": \"pods\"}"),
            line("{\"user\": \"erin\", \"namespace\": \"ns1\", \"resource\": \"imagestreams\", \"apiGroup\": \"image.openshift.io\", \"readonly\": false}"),
            line("{\"user\": \"frank\", \"nonResourcePath\": \"*\"}")));

    private static final String IMG = "image.openshift.io";

    @ParameterizedTest(name = "{0} [{1}] {2} {3}/{4} in \"{5}\" -> {6}")
    @CsvSource(delimiter = '|', nullValues = "null", emptyValue = "", value = {
            // readonly user, exact namespace/resource/group
            "alice | ''               | get    | image.openshift.io | imagestreams        | ns1  | true",
            "alice | ''               | list   | image.openshift.io | imagestreams        | ns1  | true",
            "alice | ''               | watch  | image.openshift.io | imagestreams        | ns1  | true",
            "alice | ''               | create | image.openshift.io | imagestreams        | ns1  | false",
            "alice | ''               | update | image.openshift.io | imagestreams        | ns1  | false",
            "alice | ''               | patch  | image.openshift.io | imagestreams        | ns1  | false",
            "alice | ''               | delete | image.openshift.io | imagestreams        | ns1  | false",
            "alice | ''               | get    | image.openshift.io | imagestreams        | ns2  | false",
            "alice | ''               | get    | image.openshift.io | imagestreams        | ''   | false",
            "alice | ''               | get    | image.openshift.io | imagestreams        | null | false",
            "alice | ''               | get    | image.openshift.io | images              | ns1  | false",
            "alice | ''               | get    | apps               | imagestreams        | ns1  | false",
            "alice | ''               | get    | ''                 | imagestreams        | ns1  | false",
            // group subject, wildcards
            "gina  | pushers          | create | image.openshift.io | imagestreammappings | ns9  | true",
            "gina  | pushers          | delete | image.openshift.io | imagestreams        | any  | true",
            "gina  | pushers          | create | image.openshift.io | images              | ''   | true",
            "gina  | pushers          | create | apps               | deployments         | ns9  | false",
            "gina  | 'viewers,pushers'| create | image.openshift.io | imagestreammappings | ns9  | true",
            "gina  | viewers          | create | image.openshift.io | imagestreammappings | ns9  | false",
            "alice | pushers          | create | image.openshift.io | imagestreams        | ns1  | true",
            // empty namespace in a policy matches only cluster-scoped requests
            "bob   | ''               | create | image.openshift.io | images              | ''   | true",
            "bob   | ''               | create | image.openshift.io | images              | ns1  | false",
            // user and group both set: both must match
            "carol | auditors         | get    | apps               | deployments         | x    | true",
            "carol | auditors         | get    | ''                 | nodes               | ''   | true",
            "carol | auditors         | create | apps               | deployments         | x    | false",
            "carol | ''               | get    | apps               | deployments         | x    | false",
            "mal   | auditors         | get    | apps               | deployments         | x    | false",
            // empty apiGroup in a policy matches only the core group
            "dave  | ''               | get    | ''                 | pods                | ns1  | true",
            "dave  | ''               | get    | batch              | pods                | ns1  | false",
            // readonly false explicitly
            "erin  | ''               | create | image.openshift.io | imagestreams        | ns1  | true",
            // a non-resource rule never matches a resource request
            "frank | ''               | get    | image.openshift.io | imagestreams        | ns1  | false",
            "frank | ''               | get    | image.openshift.io | images              | ''   | false",
            // nobody
            "nobody| ''               | get    | image.openshift.io | images              | ''   | false",
    })
    void matchingTable(String user, String groups, String verb, String apiGroup, String resource, String namespace,
                       boolean allowed) {
        List<String> groupList = groups.isEmpty() ? List.of() : Arrays.asList(groups.split(","));
        UserInfo u = new UserInfo(user, "", groupList);
        assertEquals(allowed, POLICY.authorize(u, new Attributes(verb, apiGroup, resource, namespace, "")));
    }

    @Test
    void firstMatchNamesTheLine() {
        UserInfo gina = new UserInfo("gina", "", List.of("pushers"));
        assertEquals(3, POLICY.firstMatch(gina, createMapping("ns")).orElseThrow().line());
    }

    @Test
    void starUserMeansAllAuthenticatedUsers() {
        AbacPolicy policy = AbacPolicy.parse(List.of(
                line("{\"user\": \"*\", \"namespace\": \"*\", \"resource\": \"*\", \"apiGroup\": \"*\", \"readonly\": true}")));
        AbacPolicy.Rule rule = policy.rules().get(0);
        assertEquals("", rule.user());
        assertEquals("system:authenticated", rule.group());
        UserInfo anyone = new UserInfo("anyone", "", List.of());
        assertTrue(policy.authorize(anyone, new Attributes("get", IMG, "images", "", "x")));
        assertTrue(policy.authorize(anyone, new Attributes("list", "", "pods", "ns", "")));
        assertFalse(policy.authorize(anyone, createMapping("ns")));
    }

    @Test
    void starGroupAlsoDropsTheUserAsKubeDoes() {
        AbacPolicy policy = AbacPolicy.parse(List.of(
                line("{\"user\": \"alice\", \"group\": \"*\", \"namespace\": \"*\", \"resource\": \"*\", \"apiGroup\": \"*\"}")));
        assertTrue(policy.authorize(new UserInfo("bob", "", List.of()), createMapping("ns")));
    }

    @Test
    void emptyPolicyDeniesEverything() {
        AbacPolicy policy = AbacPolicy.parse(List.of("", "# nothing", "   "));
        assertTrue(policy.rules().isEmpty());
        assertFalse(policy.authorize(new UserInfo("alice", "", List.of()), new Attributes("get", "", "pods", "", "")));
    }

    @Test
    void loadsFileSkippingCommentsAndBlankLines() throws IOException {
        AbacPolicy policy = AbacPolicy.load(TokenFileAuthenticatorTest.resource("policy.jsonl"));
        assertEquals(2, policy.rules().size());
        assertEquals(3, policy.rules().get(0).line());
        assertEquals(5, policy.rules().get(1).line());
        assertEquals(new AbacPolicy.Rule(3, "alice", "", true, IMG, "imagestreams", "ns1", ""), policy.rules().get(0));
    }

    @Test
    void missingFile(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class, () -> AbacPolicy.load(dir.resolve("absent.jsonl")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{not json                                                                       | invalid JSON",
            "[]                                                                              | not a JSON object",
            "\"Policy\"                                                                      | not a JSON object",
            "{\"apiVersion\": \"v1\", \"kind\": \"Policy\", \"spec\": {\"user\": \"a\"}}    | apiVersion must be abac.authorization.kubernetes.io/v1beta1, found \"v1\"",
            "{\"kind\": \"Policy\", \"spec\": {\"user\": \"a\"}}                            | apiVersion must be abac.authorization.kubernetes.io/v1beta1, found \"\"",
            "{\"user\": \"a\", \"namespace\": \"*\"}                                         | unknown field user",
            "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"ClusterRole\", \"spec\": {\"user\": \"a\"}} | kind must be Policy, found \"ClusterRole\"",
            "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\"} | spec missing",
            "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\", \"spec\": \"x\"} | spec must be an object",
            "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": 3, \"spec\": {}} | kind must be a string",
            "{\"apiVersion\": \"abac.authorization.kubernetes.io/v1beta1\", \"kind\": \"Policy\", \"metadata\": {}, \"spec\": {\"user\": \"a\"}} | unknown field metadata",
    })
    void malformedEnvelope(String text, String reason) {
        assertMalformed(text, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}                                              | spec must name a user or a group",
            "{\"user\": \"\", \"group\": \"\"}               | spec must name a user or a group",
            "{\"namespace\": \"*\", \"resource\": \"*\"}     | spec must name a user or a group",
            "{\"user\": \"a\", \"readonly\": \"true\"}       | spec.readonly must be a boolean",
            "{\"user\": \"a\", \"readonly\": 1}              | spec.readonly must be a boolean",
            "{\"user\": 5}                                   | spec.user must be a string",
            "{\"user\": \"a\", \"group\": [\"g\"]}           | spec.group must be a string",
            "{\"user\": \"a\", \"namespace\": [\"ns\"]}      | spec.namespace must be a string",
            "{\"user\": \"a\", \"resource\": {}}             | spec.resource must be a string",
            "{\"user\": \"a\", \"apiGroup\": true}           | spec.apiGroup must be a string",
            "{\"user\": \"a\", \"nonResourcePath\": 1}       | spec.nonResourcePath must be a string",
            "{\"user\": \"a\", \"namspace\": \"ns\"}         | unknown field spec.namspace",
            "{\"user\": \"a\", \"readOnly\": true}           | unknown field spec.readOnly",
    })
    void malformedSpec(String spec, String reason) {
        assertMalformed(line(spec), reason);
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreInvalidJson() {
        assertMalformed(line("{\"user\": \"a\", \"user\": \"b\"}"), "invalid JSON: Duplicate field 'user'");
        assertMalformed(line("{\"user\": \"a\"}") + " {}", "invalid JSON");
    }

    @Test
    void loadNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.jsonl");
        Files.writeString(file, line("{\"user\": \"a\"}") + "\n\n{bad\n");
        FileLineException e = assertThrows(FileLineException.class, () -> AbacPolicy.load(file));
        assertEquals(3, e.lineNumber());
        assertTrue(e.getMessage().startsWith(file + " line 3: invalid JSON"), e.getMessage());
    }

    private static void assertMalformed(String text, String reason) {
        FileLineException e = assertThrows(FileLineException.class,
                () -> AbacPolicy.parse(List.of("# first", "", text, line("{\"user\": \"ok\"}")), "policy.jsonl"));
        assertEquals(3, e.lineNumber());
        assertTrue(e.getMessage().startsWith("policy.jsonl line 3: " + reason), e.getMessage());
    }

    /** {@code create imagestreammappings.image.openshift.io} in {@code namespace}. */
    private static Attributes createMapping(String namespace) {
        return new Attributes("create", "image.openshift.io", "imagestreammappings", namespace, "");
    }
}
