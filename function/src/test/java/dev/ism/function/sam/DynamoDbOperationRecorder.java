package dev.ism.function.sam;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Records every DynamoDB operation issued in a test JVM, with the IAM actions it needs and the
 * {@code DynamoStore} method that issued it. A global SDK interceptor (listed in the test resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}): every {@code DynamoDbClient} built
 * in the test JVM gets it, the function's own included, with no change to main code.
 *
 * <p>With the system property {@value #DIR_PROPERTY} set (by surefire, see function/pom.xml), each distinct
 * record is appended to {@code <dir>/operations-<pid>.tsv}; {@code DynamoDbPolicyCheck} compares them with
 * the template's policy after the suite. Tests can also listen in-process ({@link #listen}).
 */
public final class DynamoDbOperationRecorder implements ExecutionInterceptor {

    public static final String DIR_PROPERTY = "ism.dynamodb.operations.dir";
    static final String STORE_CLASS = "dev.ism.function.store.DynamoStore";

    /** One operation: SDK operation name, the IAM actions it is authorized by, the issuing DynamoStore method. */
    public record Operation(String operation, Set<String> actions, String caller) {

        String line() {
            return operation + "\t" + String.join(",", actions) + "\t" + caller;
        }

        static Operation parse(String line) {
            String[] f = line.split("\t", -1);
            return new Operation(f[0], new TreeSet<>(List.of(f[1].split(","))), f[2]);
        }

        /** Issued by the function's store (not by a test calling the SDK directly). */
        boolean byStore() {
            return caller.startsWith("DynamoStore.");
        }
    }

    private static final List<Consumer<Operation>> LISTENERS = new CopyOnWriteArrayList<>();
    private static final Set<String> WRITTEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Calls {@code listener} for every operation until the returned handle is closed. */
    public static AutoCloseable listen(Consumer<Operation> listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!"DynamoDb".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return;
        }
        String dir = System.getProperty(DIR_PROPERTY);
        if (LISTENERS.isEmpty() && (dir == null || dir.isBlank())) {
            return; // nothing records: outside the test suite (the benchmarks, which load this test jar), no stack walk
        }
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        Operation op = new Operation(name, actions(name, request), caller());
        LISTENERS.forEach(l -> l.accept(op));
        write(op);
    }

    /**
     * The IAM actions that authorize an operation. A transaction is authorized item by item: Put, Update,
     * Delete and ConditionCheck by dynamodb:PutItem, UpdateItem, DeleteItem and ConditionCheckItem; there is
     * no dynamodb:TransactWriteItems action.
     */
    static Set<String> actions(String operation, SdkRequest request) {
        Set<String> actions = new TreeSet<>();
        if (request instanceof TransactWriteItemsRequest t) {
            for (TransactWriteItem item : t.transactItems()) {
                if (item.put() != null) {
                    actions.add("dynamodb:PutItem");
                }
                if (item.update() != null) {
                    actions.add("dynamodb:UpdateItem");
                }
                if (item.delete() != null) {
                    actions.add("dynamodb:DeleteItem");
                }
                if (item.conditionCheck() != null) {
                    actions.add("dynamodb:ConditionCheckItem");
                }
            }
        } else if (operation.equals("TransactGetItems")) {
            actions.add("dynamodb:GetItem");
        } else {
            actions.add("dynamodb:" + operation);
        }
        return actions;
    }

    /** {@code DynamoStore.<method>} nearest the SDK call on this thread's stack, else {@code -}. */
    /** DynamoStore's private helpers that run the calls of its public methods. */
    private static final Set<String> PLUMBING = Set.of("call", "read", "write", "queryAll", "putIfAbsent");

    private static String caller() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            if (e.getClassName().equals(STORE_CLASS) && !e.getMethodName().startsWith("lambda$")
                    && !PLUMBING.contains(e.getMethodName())) {
                return "DynamoStore." + e.getMethodName();
            }
        }
        return "-";
    }

    private static void write(Operation op) {
        String dir = System.getProperty(DIR_PROPERTY);
        String line = op.line();
        if (dir == null || dir.isBlank() || !WRITTEN.add(line)) {
            return;
        }
        Path file = Path.of(dir, "operations-" + ProcessHandle.current().pid() + ".tsv");
        try {
            Files.createDirectories(file.getParent());
            synchronized (DynamoDbOperationRecorder.class) {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a DynamoDB operation in " + file, e);
        }
    }
}
