package dev.ism.function.api;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
            String query = random(RANDOM.nextInt(16));
            assertEquals(decodedEverywhere(query, "a"), QueryParameters.parse(query, "a"), query);
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
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = path.substring(start, end);
        List<String> out = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return out;
        }
        for (String raw : trimmed.split("/", -1)) {
            String decoded = raw;
            if (raw.indexOf('%') >= 0) {
                try {
                    decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    decoded = raw;
                }
            }
            out.add(decoded);
        }
        return out;
    }

    /** The values as URLDecoder, applied to every key and value, made them before. */
    private static List<String> decodedEverywhere(String query, String name) {
        List<String> values = new ArrayList<>();
        if (query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty() || pair.indexOf(';') >= 0) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                // skipped, as Go's ParseQuery skips it
            }
        }
        return values;
    }
}
