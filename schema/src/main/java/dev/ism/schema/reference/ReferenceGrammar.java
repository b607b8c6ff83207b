package dev.ism.schema.reference;

import dev.ism.schema.DnsLabels;

/**
 * The reference grammar of distribution/reference ({@code regexp.go}) as a hand-written scanner:
 * the language of {@code ^(name)(?::(tag))?(?:@(digest))?$}, read in one pass without the regex
 * engine (a request's references are checked on every mapping). {@code ReferenceGrammarTest}
 * compares it with the regular expression on random and edge-case input.
 * <pre>
 * name      := [domain '/'] component ('/' component)*
 * domain    := (domain-component ('.' domain-component)* | '[' [a-fA-F0-9:]+ ']') [':' [0-9]+]
 * domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * component := [a-z0-9]+ (separator [a-z0-9]+)*      separator := [._] | '__' | '-'+
 * tag       := [\w][\w.-]{0,127}
 * digest    := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)* ':' [0-9a-fA-F]{32,}
 * </pre>
 * Path components hold no ':', and a domain is always followed by '/': so a ':' after the last '/'
 * starts the tag, and '@' (in none of the parts) starts the digest.
 */
final class ReferenceGrammar {

    private ReferenceGrammar() {
    }

    /** {@code {name, tag, digest}} ({@code ""} when absent), or {@code null} when {@code s} is not a reference. */
    static String[] match(String s) {
        String rest = s;
        String digest = "";
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            if (!isDigest(digest)) {
                return null;
            }
            rest = s.substring(0, at);
        }
        String tag = "";
        int colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            if (!isTag(tag)) {
                return null;
            }
            rest = rest.substring(0, colon);
        }
        return isName(rest) ? new String[] {rest, tag, digest} : null;
    }

    static boolean isName(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return isComponent(s, 0, s.length());
        }
        for (int from = slash + 1; ; ) {
            int next = s.indexOf('/', from);
            int to = next < 0 ? s.length() : next;
            if (!isComponent(s, from, to)) {
                return false;
            }
            if (next < 0) {
                break;
            }
            from = next + 1;
        }
        return isComponent(s, 0, slash) || isDomain(s, 0, slash);
    }

    /** {@code [a-z0-9]+ (separator [a-z0-9]+)*} on {@code s[from, to)}. */
    static boolean isComponent(String s, int from, int to) {
        int i = from;
        while (true) {
            int start = i;
            while (i < to && DnsLabels.isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
            if (i == to) {
                return true;
            }
            char c = s.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '_') {
                i++;
                if (i < to && s.charAt(i) == '_') {
                    i++;
                }
            } else if (c == '-') {
                while (i < to && s.charAt(i) == '-') {
                    i++;
                }
            } else {
                return false;
            }
        }
    }

    /** A host (DNS name or bracketed IPv6) with an optional port, on {@code s[from, to)}. */
    static boolean isDomain(String s, int from, int to) {
        int i;
        if (from < to && s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || close >= to || close == from + 1) {
                return false;
            }
            for (int j = from + 1; j < close; j++) {
                char c = s.charAt(j);
                if (!isHex(c) && c != ':') {
                    return false;
                }
            }
            i = close + 1;
        } else {
            int colon = s.indexOf(':', from);
            int end = colon < 0 || colon > to ? to : colon;
            if (!DnsLabels.isDotted(s, from, end, true)) {
                return false;
            }
            i = end;
        }
        if (i == to) {
            return true;
        }
        if (s.charAt(i) != ':' || i + 1 == to) {
            return false;
        }
        for (int j = i + 1; j < to; j++) {
            if (!isDigit(s.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [\w][\w.-]{0,127}}. */
    static boolean isTag(String s) {
        if (s.isEmpty() || s.length() > 128 || !isWord(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isWord(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}}. */
    static boolean isDigest(String s) {
        int i = 0;
        int n = s.length();
        while (true) {
            if (i >= n || !isLetter(s.charAt(i))) {
                return false;
            }
            i++;
            while (i < n && (isLetter(s.charAt(i)) || isDigit(s.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                return false;
            }
            char c = s.charAt(i);
            if (c == ':') {
                break;
            }
            if (c != '-' && c != '_' && c != '+' && c != '.') {
                return false;
            }
            i++;
        }
        int hex = n - i - 1;
        if (hex < 32) {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            if (!isHex(s.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isWord(char c) {
        return DnsLabels.isAlnum(c) || c == '_';
    }
}
