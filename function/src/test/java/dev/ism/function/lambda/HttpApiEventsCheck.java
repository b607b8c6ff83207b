package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;

/** {@link HttpApiEvents#read} against Jackson's binding, which it replaces: for the tests here and the fuzz tests. */
public final class HttpApiEventsCheck {

    private HttpApiEventsCheck() {
    }

    /** Whether {@code event} is read here rather than left to the binding. */
    public static boolean readHere(byte[] event) {
        return HttpApiEvents.read(JsonEventHandler.EVENTS.getFactory(), new ByteArrayInputStream(event)) != null;
    }

    /** Null when {@code event} is left to the binding or read as the binding reads it; else what differs. */
    public static String mismatch(byte[] event) {
        APIGatewayV2HTTPEvent fast = HttpApiEvents.read(JsonEventHandler.EVENTS.getFactory(), new ByteArrayInputStream(event));
        if (fast == null) {
            return null;
        }
        Object bound;
        try {
            bound = JsonEventHandler.EVENTS.readerFor(APIGatewayV2HTTPEvent.class).readValue(event);
        } catch (IOException e) {
            return "read here, but the binding fails: " + e.getClass().getSimpleName();
        }
        return Objects.equals(bound, fast) ? null : "read here as " + fast + ", by the binding as " + bound;
    }
}
