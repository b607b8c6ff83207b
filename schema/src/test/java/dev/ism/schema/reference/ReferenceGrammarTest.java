package dev.ism.schema.reference;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The scanner against the grammar's own regular expression, written as in distribution/reference's
 * {@code regexp.go}: same verdict and same name, tag and digest on every input.
 */
class ReferenceGrammarTest {

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[(?:[a-fA-F0-9:]+)\\])";
    private static final String DOMAIN = HOST + "(?::[0-9]+)?";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    static final Pattern DIGEST_PATTERN = Pattern.compile(DIGEST);
    static final Pattern REFERENCE = Pattern.compile("(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");

    private static final String[] PIECES = {"a", "b", "z", "0", "9", "A", "Q", "f", ".", "_", "__", "-", "--", "/", ":",
            "@", "[", "]", "::1", "localhost", "5000", "sha256", "sha256:", "abcdef0123456789abcdef0123456789", " ", "+"};

    @Test
    void scannerAgreesWithTheRegularExpressionOnRandomInput() {
        Random random = new Random(20261126);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(14);
            for (int j = 0; j < pieces; j++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            check(b.toString());
        }
    }

    @Test
    void scannerAgreesOnStructuredReferences() {
        Random random = new Random(7);
        String[] hosts = {"", "localhost/", "quay.io/", "Quay.IO:443/", "[::1]:5000/", "[fe80::1]/", "a-b.c-d:1/", "-a.io/", "a..b/",
                "my_host/", "x:/", "[]/", "[g::1]/"};
        String[] names = {"ruby", "ns/ruby", "a__b", "a___b", "a--b", "a.b", "a._b", "_a", "a_", "A", "ns//x", "a/b/c/d"};
        String[] tags = {"", ":latest", ":LATEST", ":_x", ":.x", ":" + "t".repeat(128), ":" + "t".repeat(129), ":", "::x"};
        String[] digests = {"", "@sha256:" + "a".repeat(64), "@sha256:" + "A".repeat(31), "@md5:" + "0".repeat(32),
                "@a+b.c_d-e:" + "f".repeat(40), "@1a:" + "0".repeat(32), "@", "@sha256:xyz" + "0".repeat(32)};
        for (int i = 0; i < 20_000; i++) {
            check(hosts[random.nextInt(hosts.length)] + names[random.nextInt(names.length)]
                    + tags[random.nextInt(tags.length)] + digests[random.nextInt(digests.length)]);
        }
    }

    private static void check(String s) {
        Matcher m = REFERENCE.matcher(s);
        String[] scanned = ReferenceGrammar.match(s);
        if (m.matches()) {
            assertArrayEquals(new String[] {m.group(1), nz(m.group(2)), nz(m.group(3))}, scanned, () -> "on " + s);
        } else {
            assertNull(scanned, () -> "on " + s);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
