package dev.ism.schema;

/**
 * The one scanner for RFC 1123 DNS labels ({@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}) and names made of
 * them joined by dots. Kubernetes object names want the labels in lower case ({@link NameRules});
 * the registry host of an image reference (distribution/reference's {@code domain-component}) takes
 * either case; the grammar is otherwise the same, so both read it here, without a regex engine.
 */
public final class DnsLabels {

    private DnsLabels() {
    }

    /** Whether {@code s[from, to)} is one label: alphanumerics and '-', an alphanumeric at each end. */
    public static boolean isLabel(String s, int from, int to, boolean upperCaseToo) {
        if (to <= from || !isLabelEnd(s.charAt(from), upperCaseToo) || !isLabelEnd(s.charAt(to - 1), upperCaseToo)) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!isLabelEnd(c, upperCaseToo) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[from, to)} is labels joined by single dots (one label at least). */
    public static boolean isDotted(String s, int from, int to, boolean upperCaseToo) {
        int start = from;
        while (true) {
            int dot = s.indexOf('.', start);
            int stop = dot < 0 || dot >= to ? to : dot;
            if (!isLabel(s, start, stop, upperCaseToo)) {
                return false;
            }
            if (stop == to) {
                return true;
            }
            start = stop + 1;
        }
    }

    /** {@code [A-Za-z0-9]}. */
    public static boolean isAlnum(char c) {
        return isLowerAlnum(c) || c >= 'A' && c <= 'Z';
    }

    /** {@code [a-z0-9]}. */
    public static boolean isLowerAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean isLabelEnd(char c, boolean upperCaseToo) {
        return upperCaseToo ? isAlnum(c) : isLowerAlnum(c);
    }
}
