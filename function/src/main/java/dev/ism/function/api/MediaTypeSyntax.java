package dev.ism.function.api;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Go's {@code mime.ParseMediaType}, which kube-apiserver applies to a request's {@code Content-Type}
 * before choosing a decoder (an error there is a 415): {@code type[/subtype]}, then
 * {@code ; name=value} parameters, each name a token, each value a token or a quoted string, no name
 * twice; one trailing semicolon is ignored. {@code application/json; charset} is not a media type.
 */
final class MediaTypeSyntax {

    private static final String SPECIALS = "()<>@,;:\\\"/[]?=";

    private MediaTypeSyntax() {
    }

    /** The lowercase {@code type/subtype}, or null when Go could not parse the header. */
    static String parse(String header) {
        String v = header;
        int semi = v.indexOf(';');
        String base = (semi < 0 ? v : v.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        if (!validType(base)) {
            return null;
        }
        String rest = semi < 0 ? "" : v.substring(semi);
        Set<String> names = new HashSet<>();
        int i = 0;
        while (i < rest.length()) {
            i = skipSpace(rest, i);
            if (i >= rest.length()) {
                break;
            }
            if (rest.charAt(i) != ';') {
                return null;
            }
            i = skipSpace(rest, i + 1);
            if (i >= rest.length()) {
                break; // one trailing semicolon
            }
            int nameEnd = tokenEnd(rest, i);
            if (nameEnd == i) {
                return null;
            }
            String name = rest.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            i = skipSpace(rest, nameEnd);
            if (i >= rest.length() || rest.charAt(i) != '=') {
                return null;
            }
            i = skipSpace(rest, i + 1);
            int valueEnd = rest.startsWith("\"", i) ? quotedEnd(rest, i) : tokenEnd(rest, i);
            if (valueEnd <= i) {
                return null;
            }
            if (!names.add(name)) {
                return null;
            }
            i = valueEnd;
        }
        return base;
    }

    private static boolean validType(String base) {
        int slash = base.indexOf('/');
        String type = slash < 0 ? base : base.substring(0, slash);
        if (type.isEmpty() || tokenEnd(type, 0) != type.length()) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String subtype = base.substring(slash + 1);
        return !subtype.isEmpty() && tokenEnd(subtype, 0) == subtype.length();
    }

    private static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || SPECIALS.indexOf(c) >= 0) {
                break;
            }
            i++;
        }
        return i;
    }

    /** The index after the closing quote, or -1 when unterminated. */
    private static int quotedEnd(String s, int from) {
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
