package dev.ism.schema;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The name scanners against the regular expressions of k8s.io/apimachinery they stand for. */
class NameRulesTest {

    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String ALPHABET = "aZ09-_./%A.b";

    @Test
    void scannersAgreeWithTheRegularExpressions() {
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(9);
            for (int j = 0; j < n; j++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = b.toString();
            assertEquals(QUALIFIED_NAME_PART.matcher(s).matches(), NameRules.isQualifiedNamePart(s), s);
            assertEquals(DNS1123_LABEL.matcher(s).matches(), NameRules.isDns1123Label(s, 0, s.length()), s);
            assertEquals(DNS1123_SUBDOMAIN.matcher(s).matches(), NameRules.isDns1123Subdomain(s), s);
        }
    }

    @Test
    void qualifiedNamesAsTheServerReportsThem() {
        assertTrue(NameRules.qualifiedName("example.com/app").isEmpty());
        assertEquals(1, NameRules.qualifiedName("-bad").size());
        assertEquals(1, NameRules.qualifiedName("a/b/c").size());
        assertEquals("prefix part must be non-empty", NameRules.qualifiedName("/x").get(0));
        assertEquals("name part must be no more than 63 characters", NameRules.qualifiedName("x".repeat(64)).get(0));
        assertTrue(NameRules.qualifiedName("Example.com/x").get(0).startsWith("prefix part a lowercase RFC 1123 subdomain"));
    }
}
