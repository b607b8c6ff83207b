package dev.ism.function.sam;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.ism.function.support.TableItems;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.lambda.SnapStartPriming;
import dev.ism.function.sam.DynamoDbOperationRecorder.Operation;
import dev.ism.function.store.DynamoStore;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart priming ({@link SnapStartPriming}) sends its dry-run request through the real Lambda handler and
 * the mapping code, reads DynamoDB, and writes nothing, whether the priming stream exists or not. (That the
 * Lambda package registers it with org.crac's global context, and that the runtime's checkpoint runs it, is
 * shown by LambdaStartIT with a stand-in for the Lambda runtime's CRaC implementation.)
 */
class SnapStartPrimingTest {

    private static final Set<String> READS = Set.of("dynamodb:GetItem", "dynamodb:Query");

    @Test
    void primesThroughTheHandlerAndWritesNothing() throws Exception {
        try (ApplicationContext context = EventFilesTest.freshFunction()) {
            DynamoStore store = context.getBean(DynamoStore.class);
            List<Map<String, AttributeValue>> before = TableItems.scanAll(context.getBean(DynamoDbClient.class), store.tableName());

            List<Operation> operations = new CopyOnWriteArrayList<>();
            SnapStartPriming.Outcome outcome;
            try (LogLines requests = new LogLines("dev.ism.function.requests");
                 AutoCloseable listening = DynamoDbOperationRecorder.listen(operations::add)) {
                outcome = context.getBean(SnapStartPriming.class).prime();
                // through the handler: the request log filter saw the priming request, refused unauthenticated
                assertTrue(requests.any("method=POST", "path=" + SnapStartPriming.PATH, "status=401"), requests.lines().toString());
            }
            assertEquals(401, outcome.handlerStatus(), "no credentials: the handler stops at authentication");
            assertEquals(404, outcome.mappingStatus(), "dry-run mapping for a stream that does not exist");
            assertEquals(0, outcome.streamsListed());

            Set<String> actions = new TreeSet<>();
            operations.forEach(op -> actions.addAll(op.actions()));
            assertEquals(READS, actions, "priming reads DynamoDB (GetItem, Query) and never writes: " + operations);
            assertEquals(before, TableItems.scanAll(context.getBean(DynamoDbClient.class), store.tableName()), "nothing written");
        }
    }

    @Test
    void anExistingPrimingStreamIsOnlyRead() throws Exception {
        try (ApplicationContext context = EventFilesTest.freshFunction()) {
            DynamoStore store = context.getBean(DynamoStore.class);
            ObjectNode stream = new ObjectMapper().createObjectNode();
            stream.put("kind", "ImageStream").put("apiVersion", "image.openshift.io/v1");
            stream.putObject("metadata").put("name", SnapStartPriming.STREAM).put("namespace", SnapStartPriming.NAMESPACE);
            stream.putObject("spec");
            store.create(SnapStartPriming.NAMESPACE, SnapStartPriming.STREAM, stream);
            List<Map<String, AttributeValue>> before = TableItems.scanAll(context.getBean(DynamoDbClient.class), store.tableName());

            List<Operation> operations = new CopyOnWriteArrayList<>();
            SnapStartPriming.Outcome outcome;
            try (AutoCloseable listening = DynamoDbOperationRecorder.listen(operations::add)) {
                outcome = context.getBean(SnapStartPriming.class).prime();
            }
            assertEquals(401, outcome.handlerStatus());
            assertEquals(201, outcome.mappingStatus(), "dry run: validated, checked, not written");
            assertEquals(1, outcome.streamsListed());
            operations.forEach(op -> assertTrue(READS.containsAll(op.actions()), "a write while priming: " + op));
            assertEquals(before, TableItems.scanAll(context.getBean(DynamoDbClient.class), store.tableName()), "nothing written");
        }
    }

    /** The runtime hook primes; a failure while priming is logged and never fails the snapshot. */
    @Test
    void beforeCheckpointPrimesAndNeverThrows() {
        try (ApplicationContext context = EventFilesTest.freshFunction();
             LogLines log = new LogLines(SnapStartPriming.class.getName())) {
            assertDoesNotThrow(() -> context.getBean(SnapStartPriming.class).beforeCheckpoint(null));
            assertTrue(log.any("INFO", "SnapStart priming: handler answered 401"), log.lines().toString());
        }
        try (ApplicationContext broken = ApplicationContext.builder().environments("test")
                .properties(Map.of("ism.dynamodb.create-table", "false", "ism.dynamodb.table-name", "no-such-table")).start();
             LogLines log = new LogLines(SnapStartPriming.class.getName())) {
            assertDoesNotThrow(() -> broken.getBean(SnapStartPriming.class).beforeCheckpoint(null));
            assertTrue(log.any("WARN", "SnapStart priming failed"), log.lines().toString());
        }
    }
}
