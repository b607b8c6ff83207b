package dev.ism.function.sam;

import dev.ism.function.support.RepoFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml (repository root) as CloudFormation reads it: SnakeYAML with a constructor for the
 * short-form intrinsic tags, which become their long form ({@code !Ref X} is {@code {"Ref": "X"}},
 * {@code !GetAtt A.B} is {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !If [...]} is {@code {"Fn::If": [...]}}).
 * Duplicate keys are an error, as they are for CloudFormation.
 *
 * <p>SnakeYAML comes with the function's runtime classpath (jackson-dataformat-yaml of the schema validator).
 */
final class SamTemplate {

    /** Short tag (without "!") to the intrinsic function's long name. */
    private static final Map<String, String> INTRINSICS = Map.ofEntries(
            Map.entry("Ref", "Ref"),
            Map.entry("Condition", "Condition"),
            Map.entry("GetAtt", "Fn::GetAtt"),
            Map.entry("Sub", "Fn::Sub"),
            Map.entry("If", "Fn::If"),
            Map.entry("Equals", "Fn::Equals"),
            Map.entry("Not", "Fn::Not"),
            Map.entry("And", "Fn::And"),
            Map.entry("Or", "Fn::Or"),
            Map.entry("Join", "Fn::Join"),
            Map.entry("Select", "Fn::Select"),
            Map.entry("Split", "Fn::Split"),
            Map.entry("FindInMap", "Fn::FindInMap"),
            Map.entry("Base64", "Fn::Base64"),
            Map.entry("Cidr", "Fn::Cidr"),
            Map.entry("GetAZs", "Fn::GetAZs"),
            Map.entry("ImportValue", "Fn::ImportValue"),
            Map.entry("Length", "Fn::Length"),
            Map.entry("ToJsonString", "Fn::ToJsonString"));

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    /** The repository's template.yaml. */
    static SamTemplate load() {
        return load(repoRoot().resolve("template.yaml"));
    }

    static SamTemplate load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new CfnConstructor(options));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new SamTemplate(file, map(yaml.load(in), "template"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the directory holding template.yaml, at or above the working directory. */
    static Path repoRoot() {
        return RepoFiles.root();
    }

    Path file() {
        return file;
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> section(String name) {
        Object s = root.get(name);
        return s == null ? Map.of() : map(s, name);
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> resource(String id) {
        Object r = resources().get(id);
        if (r == null) {
            throw new AssertionError("no resource " + id + " in " + file);
        }
        return map(r, id);
    }

    Map<String, Object> properties(String id) {
        Object p = resource(id).get("Properties");
        return p == null ? Map.of() : map(p, id + ".Properties");
    }

    String type(String id) {
        return (String) resource(id).get("Type");
    }

    /** The logical IDs of the resources of a type, in template order. */
    List<String> idsOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, r) -> {
            if (type.equals(map(r, id).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The one resource of a type; fails when there is none or more than one. */
    String onlyIdOfType(String type) {
        List<String> ids = idsOfType(type);
        if (ids.size() != 1) {
            throw new AssertionError("expected exactly one " + type + " in " + file + ", found " + ids);
        }
        return ids.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new AssertionError(what + " is not a mapping: " + o);
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new AssertionError(what + " is not a list: " + o);
        }
        return (List<Object>) l;
    }

    /** {@code {"Ref": name}}. */
    static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    /** {@code {"Fn::GetAtt": [resource, attribute]}}. */
    static Map<String, Object> getAtt(String resource, String attribute) {
        return Map.of("Fn::GetAtt", List.of(resource, attribute));
    }

    /** Builds {@code {"<long name>": value}} for every short-form intrinsic tag. */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            INTRINSICS.forEach((tag, fn) -> yamlConstructors.put(new Tag("!" + tag), new Intrinsic(fn)));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String fn;

            Intrinsic(String fn) {
                this.fn = fn;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode s) {
                    value = constructScalar(s);
                    if (fn.equals("Fn::GetAtt")) {
                        value = List.of(((String) value).split("\\.", 2));
                    }
                } else if (node instanceof SequenceNode s) {
                    value = constructSequence(s);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(fn, value);
                return m;
            }
        }
    }
}
