package dev.ism.function.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.schema.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** The 201 rendered once is what rendering it gives, and each caller gets a copy of its own. */
class ResponsesTest {

    private static final String CREATED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}";

    @Test
    void theCreatedStatusIsTheServersOwn() throws Exception {
        assertEquals(CREATED, new String(Responses.render(Status.success(201), false), StandardCharsets.UTF_8));
        // what the bean serialization of Status writes, which the written-out 201 stands for
        assertEquals(CREATED, new ObjectMapper().writeValueAsString(Status.success(201)));
        assertEquals(CREATED, new String(Responses.render(new ObjectMapper().valueToTree(Status.success(201)), false), StandardCharsets.UTF_8));
    }

    @Test
    void eachCallerGetsItsOwnBytes() {
        byte[] first = Responses.render(Status.success(201), false);
        byte[] second = Responses.render(Status.success(201), false);
        assertNotSame(first, second);
        first[0] = 'x';
        assertEquals(CREATED, new String(Responses.render(Status.success(201), false), StandardCharsets.UTF_8));
    }

    @Test
    void aSuccessWithMoreThanTheCreatedStatusIsRenderedAsItIs() {
        Status withMessage = new Status("Status", "v1", java.util.Map.of(), "Success", "made", null, null, 201);
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"message\":\"made\",\"code\":201}",
                new String(Responses.render(withMessage, false), StandardCharsets.UTF_8));
    }

    @Test
    void otherStatusesAndPrettyAreRenderedEachTime() {
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":200}",
                new String(Responses.render(Status.success(200), false), StandardCharsets.UTF_8));
        assertEquals("""
                {
                  "kind": "Status",
                  "apiVersion": "v1",
                  "metadata": {},
                  "status": "Success",
                  "code": 201
                }
                """, new String(Responses.render(Status.success(201), true), StandardCharsets.UTF_8));
    }
}
