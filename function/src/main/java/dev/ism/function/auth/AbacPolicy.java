package dev.ism.function.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Kubernetes ABAC policy file ({@code --authorization-policy-file}): one
 * {@code abac.authorization.kubernetes.io/v1beta1} {@code Policy} per line, blank lines and lines
 * starting with {@code #} ignored. Matching is kube's {@code pkg/auth/authorizer/abac}: a request is
 * allowed when any rule matches.
 *
 * <p>Stricter than kube-apiserver when loading: unversioned (v0) lines, unknown fields, a field of
 * the wrong type and a rule with neither user nor group are errors, not ignored.
 */
public final class AbacPolicy {

    public static final String API_VERSION = "abac.authorization.kubernetes.io/v1beta1";
    public static final String KIND = "Policy";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "spec");
    private static final Set<String> SPEC_FIELDS =
            Set.of("user", "group", "readonly", "apiGroup", "resource", "namespace", "nonResourcePath");

    /**
     * One line of the policy, after kube's v1beta1 conversion: a user or group {@code "*"} becomes
     * user {@code ""} and group {@value UserInfo#AUTHENTICATED_GROUP}. Absent fields are {@code ""}.
     */
    public record Rule(int line, String user, String group, boolean readonly, String apiGroup, String resource,
                       String namespace, String nonResourcePath) {

        /** kube's {@code matches} for a resource request. */
        public boolean matches(UserInfo user, Attributes attrs) {
            return subjectMatches(Subject.of(user)) && (attrs.isReadOnly() || !readonly) && resourceMatches(attrs);
        }

        /**
         * kube's {@code matches} for a non-resource request ({@code verb} is the lowercase HTTP method):
         * {@code nonResourcePath} {@code *}, the path itself, or a prefix of it followed by {@code *}.
         */
        public boolean matchesPath(Subject subject, String verb, String path) {
            if (!subjectMatches(subject) || !(Attributes.isReadOnlyVerb(verb) || !readonly)) {
                return false;
            }
            return nonResourcePath.equals("*") || nonResourcePath.equals(path)
                    || nonResourcePath.endsWith("*") && path.startsWith(nonResourcePath.substring(0, nonResourcePath.length() - 1));
        }

        private boolean subjectMatches(Subject u) {
            boolean matched = false;
            if (!user.isEmpty()) {
                if (user.equals("*")) {
                    matched = true;
                } else if (user.equals(u.name())) {
                    matched = true;
                } else {
                    return false;
                }
            }
            if (!group.isEmpty()) {
                if (group.equals("*")) {
                    matched = true;
                } else if (u.groups().contains(group)) {
                    matched = true;
                } else {
                    return false;
                }
            }
            return matched;
        }

        private boolean resourceMatches(Attributes a) {
            return (namespace.equals("*") || namespace.equals(a.namespace()))
                    && (resource.equals("*") || resource.equals(a.resource()))
                    && (apiGroup.equals("*") || apiGroup.equals(a.apiGroup()));
        }
    }

    private final List<Rule> rules;

    private AbacPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @throws IOException          when the file cannot be read
     * @throws FileLineException  when a line is malformed
     */
    public static AbacPolicy load(Path path) throws IOException {
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
    }

    public static AbacPolicy parse(List<String> lines) {
        return parse(lines, "policy");
    }

    /** @param source names the file in error messages */
    public static AbacPolicy parse(List<String> lines, String source) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                rules.add(rule(i + 1, trimmed));
            } catch (IllegalArgumentException e) {
                throw new FileLineException(source, i + 1, e.getMessage());
            }
        }
        return new AbacPolicy(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Whether a rule allows {@code subject} the non-resource request {@code verb path}. */
    public boolean authorizePath(Subject subject, String verb, String path) {
        for (Rule rule : rules) {
            if (rule.matchesPath(subject, verb, path)) {
                return true;
            }
        }
        return false;
    }

    public boolean authorize(UserInfo user, Attributes attrs) {
        return firstMatch(user, attrs).isPresent();
    }

    /** The first rule allowing the request, if any. */
    public Optional<Rule> firstMatch(UserInfo user, Attributes attrs) {
        for (Rule rule : rules) {
            if (rule.matches(user, attrs)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static Rule rule(int line, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        unknownFields(root, TOP_FIELDS, "");
        String apiVersion = text(root, "apiVersion", "");
        if (!API_VERSION.equals(apiVersion)) {
            throw new IllegalArgumentException("apiVersion must be " + API_VERSION + ", found \"" + apiVersion + "\"");
        }
        String kind = text(root, "kind", "");
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("kind must be " + KIND + ", found \"" + kind + "\"");
        }
        JsonNode spec = root.get("spec");
        if (spec == null || spec.isNull()) {
            throw new IllegalArgumentException("spec missing");
        }
        if (!spec.isObject()) {
            throw new IllegalArgumentException("spec must be an object");
        }
        unknownFields(spec, SPEC_FIELDS, "spec.");
        JsonNode readonly = spec.get("readonly");
        if (readonly != null && !readonly.isNull() && !readonly.isBoolean()) {
            throw new IllegalArgumentException("spec.readonly must be a boolean");
        }
        String user = text(spec, "user", "spec.");
        String group = text(spec, "group", "spec.");
        if (user.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("spec must name a user or a group");
        }
        if (user.equals("*") || group.equals("*")) {
            user = "";
            group = UserInfo.AUTHENTICATED_GROUP;
        }
        return new Rule(line, user, group, readonly != null && readonly.asBoolean(),
                text(spec, "apiGroup", "spec."), text(spec, "resource", "spec."),
                text(spec, "namespace", "spec."), text(spec, "nonResourcePath", "spec."));
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + field + " must be a string");
        }
        return value.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = entry.getKey();
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown field " + path + field);
            }
        }
    }
}
