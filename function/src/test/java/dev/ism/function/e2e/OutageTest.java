package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ism.function.store.DynamoClients;
import dev.ism.function.store.DynamoStore;
import dev.ism.function.store.EmbeddedDynamoDb;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import dev.ism.function.support.FaultProxy;
import dev.ism.function.support.FaultProxy.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB goes away under a steady load of mappings and comes back, without a restart of the function:
 * a fault-injecting TCP proxy in front of DynamoDB Local refuses connections, hangs (and then delivers what
 * it held, as a hung server that resumes), and drops answers to requests it delivered. Every request that
 * starts and ends within a fault answers 503 (nothing written) or 504 (a write sent, outcome unknown), with
 * Retry-After; the function recovers by itself; afterwards every mapping that got 201 is in its stream's
 * history exactly once, and none that got 503 is. Phases end after a number of answers, not after a time.
 */
class OutageTest {

    private static final int THREADS = 3;
    private static final int PER_FAULT = 6;
    private static final int PER_PASS = 9;
    private static final List<Mode> PHASES = List.of(Mode.PASS, Mode.REFUSE, Mode.PASS, Mode.HANG, Mode.PASS, Mode.DROP, Mode.PASS);

    private static EmbeddedDynamoDb db;
    private static FaultProxy proxy;
    private static Api api;

    @BeforeAll
    static void start() {
        db = EmbeddedDynamoDb.start();
        try (DynamoDbClient direct = DynamoClients.create(db.endpoint(), null)) {
            new DynamoStore(direct, "ism-test-outage").createTable();
        }
        proxy = new FaultProxy(db.endpoint());
        api = new Api(Map.of(
                "ism.dynamodb.embedded", false,
                "ism.dynamodb.endpoint", proxy.uri().toString(),
                "ism.dynamodb.table-name", "ism-test-outage",
                "ism.dynamodb.create-table", false,
                "ism.dynamodb.connect-timeout", "300ms",
                "ism.dynamodb.socket-timeout", "600ms",
                "ism.dynamodb.call-timeout", "1200ms",
                "ism.dynamodb.request-timeout", "2500ms"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** One mapping sent: which image, in which phases it started and ended, and the answer. */
    private record Result(String ns, String stream, String image, int startPhase, int endPhase, Api.Response response) {
    }

    private static String image(JsonNode body) {
        return body.path("image").path("metadata").path("name").asText();
    }

    @Test
    @Timeout(120)
    void answersNeverLieAboutWritesThroughOutagesAndTheFunctionRecovers() throws Exception {
        String ns = Api.unique("outage");
        for (int t = 0; t < THREADS; t++) {
            api.createStream(ns, "s" + t);
        }
        AtomicInteger phase = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        int[] inPhase = new int[PHASES.size()];
        Object monitor = new Object();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; !done.get(); i++) {
                    Via via = Via.values()[i % Via.values().length];
                    JsonNode body = mapping(ns, "s" + worker, "latest", ns + "/" + worker + "/" + i);
                    int started = phase.get();
                    Api.Response r = post(api, via, mappings(ns), body);
                    int ended = phase.get();
                    results.add(new Result(ns, "s" + worker, image(body), started, ended, r));
                    if (started == ended) {
                        synchronized (monitor) {
                            inPhase[started]++;
                            monitor.notifyAll();
                        }
                    }
                }
            }, "outage-load-" + t);
            workers.add(thread);
            thread.start();
        }
        for (int p = 0; p < PHASES.size(); p++) {
            proxy.mode(PHASES.get(p));
            phase.set(p);
            int needed = PHASES.get(p) == Mode.PASS ? PER_PASS : PER_FAULT;
            synchronized (monitor) {
                while (inPhase[p] < needed) {
                    monitor.wait();
                }
            }
        }
        done.set(true);
        for (Thread t : workers) {
            t.join();
        }

        int created = 0;
        for (Result r : results) {
            int code = r.response().code();
            Mode mode = PHASES.get(r.startPhase());
            if (r.startPhase() == r.endPhase() && mode != Mode.PASS) {
                assertTrue(code == 503 || code == 504, mode + ": " + r.response());
            }
            if (code == 503 || code == 504) {
                JsonNode status = E2e.assertStatus(r.response(), code);
                assertEquals(code == 503 ? "ServiceUnavailable" : "Timeout", status.path("reason").asText(), r.response().body());
                assertEquals("1", r.response().header("Retry-After"), r.response().headers().toString());
                assertEquals(1, status.at("/details/retryAfterSeconds").asInt(), r.response().body());
            } else {
                assertTrue(code == 201 || code == 409, r.response().toString());
            }
            created += code == 201 ? 1 : 0;
        }
        // the last phase, after every fault, is all served
        long lastPass = results.stream().filter(r -> r.startPhase() == PHASES.size() - 1 && r.endPhase() == r.startPhase())
                .filter(r -> r.response().code() == 201).count();
        assertTrue(lastPass >= PER_PASS, "recovered: " + lastPass + " created in the last phase");

        for (int t = 0; t < THREADS; t++) {
            JsonNode stream = E2e.getStream(api, ns, "s" + t);
            List<String> history = new ArrayList<>();
            E2e.items(stream, "latest").forEach(item -> history.add(item.path("image").asText()));
            for (Result r : results) {
                if (!r.stream().equals("s" + t)) {
                    continue;
                }
                long times = Collections.frequency(history, r.image());
                if (r.response().code() == 201) {
                    assertEquals(1, times, r.image() + " got 201: in the history once");
                } else if (r.response().code() == 503) {
                    assertEquals(0, times, r.image() + " got 503: not in the history");
                }
            }
        }
        assertTrue(created > 2 * PER_PASS, "created " + created);
        long faults = results.stream().filter(r -> r.response().code() >= 503).count();
        assertTrue(faults >= 3L * PER_FAULT, "fault answers: " + faults);
        assertTrue(results.stream().anyMatch(r -> r.response().code() == 504), "a 504 seen");
        assertTrue(results.stream().anyMatch(r -> r.response().code() == 503), "a 503 seen");
        System.out.println("outage: " + results.size() + " mappings, " + created + " created, "
                + results.stream().filter(r -> r.response().code() == 503).count() + " 503, "
                + results.stream().filter(r -> r.response().code() == 504).count() + " 504, "
                + results.stream().filter(r -> r.response().code() == 409).count() + " 409");
    }

    /** A 504 means "maybe": sending the same mapping again is safe, and leaves it in the history once. */
    @Test
    @Timeout(60)
    void retryingAMappingThatGot504IsSafe() {
        String ns = Api.unique("outage-retry");
        api.createStream(ns, "ruby");
        JsonNode body = mapping(ns, "ruby", "latest", "retry-after-504");
        for (Via via : Via.values()) {
            proxy.mode(Mode.DROP);
            Api.Response lost;
            try {
                lost = post(api, via, mappings(ns), body);
            } finally {
                proxy.mode(Mode.PASS);
            }
            assertTrue(lost.code() == 503 || lost.code() == 504, lost.toString());
            Api.Response retried = post(api, via, mappings(ns), body);
            assertEquals(201, retried.code(), retried.body());
        }
        List<JsonNode> items = E2e.items(E2e.getStream(api, ns, "ruby"), "latest");
        assertEquals(1, items.size(), items.toString());
        assertEquals(image(body), items.get(0).path("image").asText());
        assertEquals(Set.of(image(body)), Set.copyOf(api.store().history(ns, "ruby").get("latest").stream()
                .map(e -> e.image()).toList()));
    }
}
