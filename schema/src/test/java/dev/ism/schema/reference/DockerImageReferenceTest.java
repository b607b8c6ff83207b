package dev.ism.schema.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DockerImageReferenceTest {

    private static final String HEX64 = "a".repeat(32) + "0123456789abcdef".repeat(2);
    private static final String SHA256 = "sha256:" + HEX64;
    private static final String SHA384 = "sha384:" + "b".repeat(96);
    private static final String SHA512 = "sha512:" + "c".repeat(128);

    private static final String INVALID = "invalid reference format";
    private static final String UPPERCASE = "repository name must be lowercase";
    private static final String EMPTY = "repository name must have at least one component";
    private static final String TOO_LONG = "repository name must not be more than 255 characters";
    private static final String DIGEST_FORMAT = "invalid checksum digest format";
    private static final String DIGEST_LENGTH = "invalid checksum digest length";
    private static final String DIGEST_UNSUPPORTED = "unsupported digest algorithm";

    /** input, registry, namespace, name, tag, id. */
    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("nginx", "", "", "nginx", "", ""),
                arguments("library/nginx", "", "library", "nginx", "", ""),
                arguments("nginx:1.25", "", "", "nginx", "1.25", ""),
                arguments("localhost/foo", "localhost", "", "foo", "", ""),
                arguments("localhost:5000/foo", "localhost:5000", "", "foo", "", ""),
                arguments("myregistry:5000/ns/name:tag", "myregistry:5000", "ns", "name", "tag", ""),
                arguments("image-registry.openshift-image-registry.svc:5000/myproject/ruby@" + SHA256,
                        "image-registry.openshift-image-registry.svc:5000", "myproject", "ruby", "", SHA256),
                arguments("[::1]:5000/foo", "[::1]:5000", "", "foo", "", ""),
                arguments("[2001:db8::1]/ns/foo:v1", "[2001:db8::1]", "ns", "foo", "v1", ""),
                arguments("quay.io/ns/app:v1@" + SHA256, "quay.io", "ns", "app", "v1", SHA256),
                arguments("docker.io/library/nginx", "docker.io", "library", "nginx", "", ""),
                // a first component without '.', ':' or "localhost" is not a registry
                arguments("myregistry/ns/name", "", "myregistry", "ns/name", "", ""),
                arguments("a/b/c/d", "", "a", "b/c/d", "", ""),
                arguments("reg.io/a/b/c/d", "reg.io", "a", "b/c/d", "", ""),
                arguments("a__b", "", "", "a__b", "", ""),
                arguments("a-b", "", "", "a-b", "", ""),
                arguments("a---b.c__d", "", "", "a---b.c__d", "", ""),
                arguments("my-reg-1.example.com/ns/app", "my-reg-1.example.com", "ns", "app", "", ""),
                arguments("a--b", "", "", "a--b", "", ""),
                arguments("a.b", "", "", "a.b", "", ""),
                arguments("a_b", "", "", "a_b", "", ""),
                arguments("a.b/c", "a.b", "", "c", "", ""),
                arguments("Quay.io/foo/bar", "Quay.io", "foo", "bar", "", ""),
                arguments("foo:LATEST", "", "", "foo", "LATEST", ""),
                arguments("foo:_x.y-Z", "", "", "foo", "_x.y-Z", ""),
                arguments("foo:" + "t".repeat(128), "", "", "foo", "t".repeat(128), ""),
                arguments("foo@" + SHA384, "", "", "foo", "", SHA384),
                arguments("foo@" + SHA512, "", "", "foo", "", SHA512),
                arguments("a".repeat(255), "", "", "a".repeat(255), "", ""),
                arguments("reg.io/" + "a".repeat(248) + ":t", "reg.io", "", "a".repeat(248), "t", ""));
    }

    /** input, exact error message. */
    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("", EMPTY),
                arguments(":tag", INVALID),
                arguments("@" + SHA256, INVALID),
                arguments("foo:", INVALID),
                arguments("foo::bar", INVALID),
                arguments("foo@", INVALID),
                arguments("a___b", INVALID),
                arguments("a..b", INVALID),
                arguments("-a", INVALID),
                arguments("a-", INVALID),
                arguments("a/", INVALID),
                arguments("/a", INVALID),
                arguments("a//b", INVALID),
                arguments("-reg.io/foo", INVALID),
                arguments("Quay.io/Foo/Bar", UPPERCASE),
                arguments("Foo", UPPERCASE),
                arguments("foo/Bar:tag", UPPERCASE),
                // Go's strings.ToLower maps U+0130 to a plain 'i'
                arguments("\u0130mage", UPPERCASE),
                arguments("foo:" + "t".repeat(129), INVALID),
                arguments("foo:-tag", INVALID),
                arguments("a".repeat(256), TOO_LONG),
                arguments("reg.io/" + "a".repeat(249) + ":t", TOO_LONG),
                arguments("foo@sha256:" + HEX64.substring(1), DIGEST_LENGTH),
                arguments("foo@sha256:" + HEX64 + "a", DIGEST_LENGTH),
                arguments("foo@sha512:" + HEX64, DIGEST_LENGTH),
                arguments("foo@sha256:" + HEX64.toUpperCase(), DIGEST_FORMAT),
                arguments("foo@md5:" + "d".repeat(32), DIGEST_UNSUPPORTED),
                arguments("foo@tarsum.v1+sha256:" + HEX64, DIGEST_UNSUPPORTED),
                // digest algorithm components must start with a letter in the reference grammar
                arguments("foo@sha3.256:" + "d".repeat(64), INVALID),
                // unknown and not lowercase: fails go-digest's own DigestRegexp
                arguments("foo@MD5:" + "d".repeat(32), DIGEST_FORMAT),
                arguments("foo@SHA256:" + HEX64, DIGEST_FORMAT),
                arguments("foo@sha256:" + "g".repeat(64), INVALID),
                arguments("foo@sha256:" + "a".repeat(31), INVALID),
                arguments("foo@sha256", INVALID),
                arguments(" nginx", INVALID),
                arguments("nginx ", INVALID),
                arguments("nginx\n", INVALID),
                arguments("ng inx", INVALID),
                arguments("http://foo/bar", INVALID),
                arguments("[::1/foo", INVALID),
                arguments("localhost:port/foo", INVALID));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void parsesValidReferences(String spec, String registry, String namespace, String name, String tag, String id) {
        DockerImageReference ref = DockerImageReference.parse(spec);
        assertEquals(new DockerImageReference(registry, namespace, name, tag, id), ref);
        assertEquals(spec, ref.exact());
        assertEquals(spec, ref.toString());
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("invalid")
    void rejectsInvalidReferences(String spec, String message) {
        ReferenceParseException e = assertThrows(ReferenceParseException.class, () -> DockerImageReference.parse(spec));
        assertEquals(message, e.getMessage());
    }

    /** Long hostile input: no StackOverflowError, no super-linear backtracking. */
    static Stream<Arguments> longInputs() {
        int n = 200_000;
        return Stream.of(
                arguments("a".repeat(n) + "!", INVALID),
                arguments("a-".repeat(n / 2) + "!", INVALID),
                arguments("a.".repeat(n / 2) + "!", INVALID),
                arguments("a/".repeat(n / 2) + "!", INVALID),
                arguments("a__".repeat(n / 3) + "!", INVALID),
                arguments("a-a.".repeat(n / 4) + "a:", INVALID),
                arguments("a" + "-".repeat(n) + "!", INVALID),
                arguments("[" + ":".repeat(n) + "!", INVALID),
                arguments("A/".repeat(n / 2) + "a", UPPERCASE),
                arguments("a/".repeat(n / 2) + "a", TOO_LONG),
                arguments("foo@a" + ".a".repeat(n / 2) + ":" + "d".repeat(32), DIGEST_UNSUPPORTED),
                arguments("foo@sha256:" + "a".repeat(n), DIGEST_LENGTH),
                arguments("foo@sha256:" + "a".repeat(n) + "!", INVALID));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("longInputs")
    void rejectsLongInputsWithoutOverflowingTheStack(String spec, String message) {
        ReferenceParseException e = assertThrows(ReferenceParseException.class, () -> DockerImageReference.parse(spec));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rendersBuiltReference() {
        assertEquals("ns/name", new DockerImageReference("", "ns", "name", "", "").exact());
        assertEquals("r.io/name@" + SHA256, new DockerImageReference("r.io", "", "name", "", SHA256).exact());
    }
}
