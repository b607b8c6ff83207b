package dev.ism.function.api;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request path's short cuts answer as the general code they pass by: a plain path's target check without
 * {@link java.net.URI}, the path's segments without {@link String#split}, a query value without {@link URLDecoder}
 * where it has no escape. Random strings over the characters that decide (slashes, escapes, plus signs, spaces,
 * non-ASCII) and the paths clients send.
 */
class RequestPartsTest {

    private static final String ALPHABET = "ab/Z09-._~%2F+ &=;:?#@[]é\\{|";
    private static final Random RANDOM = new Random(20261206);

    @Test
    void aPlainPathPassesAsItsParsingDoes() {
        for (String path : List.of("/apis/image.openshift.io/v1/namespaces/myproject/imagestreammappings", "/", "/api", "/a/../b", "/~x_y.z-1")) {
            assertTrue(RequestTarget.plainPath(path), path);
            assertNull(RequestTarget.parsed(path), path);
        }
        for (int i = 0; i < 20_000; i++) {
            String target = random(1 + RANDOM.nextInt(12));
            if (RequestTarget.plainPath(target)) {
                assertNull(RequestTarget.parsed(target), target);
            }
            assertEquals(RequestTarget.plainPath(target) ? null : RequestTarget.parsed(target), RequestTarget.problem(target), target);
        }
    }

    @Test
    void segmentsAreTheSplitPathsDecodedParts() {
        assertEquals(List.of("apis", "image.openshift.io", "v1"), RequestInfo.segments("/apis/image.openshift.io/v1/"));
        assertEquals(List.of("a", "", "b"), RequestInfo.segments("//a//b//"));
        assertEquals(List.of(), RequestInfo.segments("///"));
        assertEquals(List.of("a/b", "c+d"), RequestInfo.segments("/a%2Fb/c+d"));
        for (int i = 0; i < 20_000; i++) {
            String path = random(RANDOM.nextInt(14));
            assertEquals(splitAndDecode(path), RequestInfo.segments(path), path);
        }
    }

    @Test
    void queryValuesAreUnescapedOnlyWhereEscaped() {
        assertEquals(List.of("All"), QueryParameters.parse("dryRun=All", "dryRun"));
        assertEquals(List.of("a b", "a+b", ""), QueryParameters.parse("x=a+b&x=a%2Bb&x&y=1", "x"));
        assertEquals(List.of("1"), QueryParameters.parse("dry%52un=1&x=%zz", "dryRun"));
        for (int i = 0; i < 20_000; i++) {
            String s = random(RANDOM.nextInt(16));
            assertEquals(urlDecoded(s), unescaped(s), s);
        }
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** The segments as String.split and URLDecoder made them before. */
    private static List<String> splitAndDecode(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        List<String> out = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return out;
        }
        for (String raw : trimmed.split("/", -1)) {
            out.add(raw.indexOf('%') < 0 ? raw : urlDecoded(raw.replace("+", "%2B")).orElse(raw));
        }
        return out;
    }

    /** What URLDecoder makes of {@code s}; empty where it refuses it (a malformed escape). */
    private static Optional<String> urlDecoded(String s) {
        try {
            return Optional.of(URLDecoder.decode(s, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<String> unescaped(String s) {
        try {
            return Optional.of(QueryParameters.unescape(s));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
