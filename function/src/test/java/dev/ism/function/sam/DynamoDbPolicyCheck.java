package dev.ism.function.sam;

import dev.ism.function.sam.DynamoDbOperationRecorder.Operation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template's DynamoDB policy allows exactly the actions the function's code issues, as the whole test
 * suite recorded them ({@link DynamoDbOperationRecorder}). Runs in its own surefire execution after the
 * suite (function/pom.xml, execution {@code dynamodb-policy-check}); skipped for {@code -Dtest=...} runs,
 * whose record is partial.
 *
 * <p>What counts: operations issued by {@code DynamoStore}, the function's one DynamoDB caller. Two of its
 * methods are left out on purpose, and must stay out of the Lambda's reach:
 * <ul>
 *   <li>{@code createTable} (CreateTable, then DescribeTable while waiting): only local runs and tests create
 *   the table ({@code ism.dynamodb.create-table}, never set by the template); on AWS the stack creates it,
 *   so the function's role needs neither action;</li>
 *   <li>{@code scanAll} (Scan): a test helper, called by no main code.</li>
 * </ul>
 * Operations tests issue on the SDK directly (no DynamoStore frame) are not the function's.
 */
class DynamoDbPolicyCheck {

    /** DynamoStore methods whose operations the Lambda never issues, with the reason. */
    static final Map<String, String> NOT_ON_LAMBDA = Map.of(
            "DynamoStore.createTable", "the stack creates the table; only local runs and tests create it",
            "DynamoStore.scanAll", "a test helper: no main code calls it");

    @Test
    void policyAllowsExactlyTheRecordedActions() throws IOException {
        List<Operation> recorded = recorded();
        assertFalse(recorded.isEmpty(), "no DynamoDB operation recorded in " + dir()
                + ": run the whole test phase (mvn verify) before this check");

        Map<String, Set<String>> required = new TreeMap<>();
        Map<String, Set<String>> excluded = new TreeMap<>();
        for (Operation op : recorded) {
            if (!op.byStore()) {
                continue;
            }
            Map<String, Set<String>> into = NOT_ON_LAMBDA.containsKey(op.caller()) ? excluded : required;
            for (String action : op.actions()) {
                into.computeIfAbsent(action, a -> new TreeSet<>()).add(op.operation() + " by " + op.caller());
            }
        }
        System.out.println("DynamoDB actions the function issues: " + required);
        System.out.println("left out of the Lambda policy (local and test only): " + excluded);

        Set<String> allowed = TemplateTest.dynamoDbActions(SamTemplate.load());
        assertEquals(required.keySet(), allowed,
                "template.yaml's DynamoDB actions differ from the operations the code issued in the test suite "
                        + required + " (left out as local/test only: " + excluded + ")");
        for (String action : excluded.keySet()) {
            if (!required.containsKey(action)) {
                assertFalse(allowed.contains(action), action + " is only needed by " + excluded.get(action));
            }
        }
    }

    /**
     * The left-out methods are out of the Lambda's reach: no main class but the allowed ones calls them
     * ({@code store/TableAdmin} is what {@code DynamoStore.createTable} runs).
     */
    @Test
    void leftOutOperationsAreNotReachableFromMainCode() throws IOException {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isDirectory(classes), "compile first");
        Map<String, Set<String>> callers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                String name = classes.relativize(f).toString().replace('\\', '/');
                for (String method : List.of("createTable", "scanAll")) {
                    if (text.contains(method) && !name.startsWith("dev/ism/function/store/DynamoStore")
                            && !name.startsWith("dev/ism/function/store/TableAdmin")) {
                        callers.computeIfAbsent(method, m -> new TreeSet<>()).add(name);
                    }
                }
            }
        }
        // createTable: only StoreFactory calls it, behind ism.dynamodb.create-table (DynamoSettings.createsTable(),
        // which the template never sets); the other matches are that setting's accessor and bean definition.
        for (String name : callers.getOrDefault("createTable", Set.of())) {
            assertTrue(name.matches("dev/ism/function/store/\\$?(DynamoSettings|StoreFactory)(\\$[A-Za-z0-9$]*)?\\.class"),
                    "main class naming createTable: " + name);
        }
        assertTrue(callers.getOrDefault("createTable", Set.of()).contains("dev/ism/function/store/StoreFactory.class"));
        assertEquals(Set.of(), callers.getOrDefault("scanAll", Set.of()), "main classes naming scanAll");
    }

    static Path dir() {
        String dir = System.getProperty(DynamoDbOperationRecorder.DIR_PROPERTY);
        return Path.of(dir == null || dir.isBlank() ? "target/dynamodb-operations" : dir);
    }

    static List<Operation> recorded() throws IOException {
        List<Operation> ops = new ArrayList<>();
        if (!Files.isDirectory(dir())) {
            return ops;
        }
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".tsv"))::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        ops.add(Operation.parse(line));
                    }
                }
            }
        }
        return ops;
    }
}
