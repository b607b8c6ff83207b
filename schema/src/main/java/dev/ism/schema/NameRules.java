package dev.ism.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The name checks of k8s.io/apimachinery {@code util/validation} and {@code api/validation/path},
 * each returning the messages the API server reports (empty when the value is valid).
 */
public final class NameRules {

    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String QUALIFIED_NAME_MSG =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private NameRules() {
    }

    /** {@code path.IsValidPathSegmentName} (and, with {@code prefix}, {@code IsValidPathSegmentPrefix}). */
    public static List<String> pathSegmentName(String name, boolean prefix) {
        if (!prefix && (name.equals(".") || name.equals(".."))) {
            return List.of("may not be '" + name + "'");
        }
        List<String> errs = new ArrayList<>(2);
        if (name.contains("/")) {
            errs.add("may not contain '/'");
        }
        if (name.contains("%")) {
            errs.add("may not contain '%'");
        }
        return errs;
    }

    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>(2);
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!isDns1123Label(value, 0, value.length())) {
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
                    + " and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>(2);
        if (value.length() > 253) {
            errs.add(maxLen(253));
        }
        if (!isDns1123Subdomain(value)) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
                    + " or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    /** {@code IsQualifiedName}: an optional DNS subdomain prefix and '/', then a name part. */
    public static List<String> qualifiedName(String value) {
        int slash = value.indexOf('/');
        if (slash < 0 && isQualifiedNamePart(value) && value.length() <= 63) {
            return List.of();
        }
        List<String> errs = new ArrayList<>(2);
        String name;
        if (slash < 0) {
            name = value;
        } else if (value.indexOf('/', slash + 1) < 0) {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(m -> errs.add("prefix part " + m));
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLen(63));
        }
        if (!isQualifiedNamePart(name)) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>(2);
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!value.isEmpty() && !isQualifiedNamePart(value)) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.',"
                    + " and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    // Scanners for the grammars above: the same language as their regular expressions, without
    // the regex engine's cost on every request.

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
    static boolean isQualifiedNamePart(String s) {
        int n = s.length();
        if (n == 0 || !DnsLabels.isAlnum(s.charAt(0)) || !DnsLabels.isAlnum(s.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (!DnsLabels.isAlnum(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} on {@code s[from, to)}. */
    static boolean isDns1123Label(String s, int from, int to) {
        return DnsLabels.isLabel(s, from, to, false);
    }

    /** Labels joined by dots. */
    static boolean isDns1123Subdomain(String s) {
        return DnsLabels.isDotted(s, 0, s.length(), false);
    }

    static String maxLen(int n) {
        return "must be no more than " + n + " characters";
    }

    /** {@code validation.RegexError}, including its double space between examples. */
    static String regexError(String msg, String fmt, String... examples) {
        StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                b.append(" or ");
            }
            b.append('\'').append(examples[i]).append("', ");
        }
        return b.append("regex used for validation is '").append(fmt).append("')").toString();
    }
}
