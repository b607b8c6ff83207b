package dev.ism.contracts.consumer;

import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.ContentTypeHint;
import au.com.dius.pact.core.model.HttpRequest;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.matchingrules.ContentTypeMatcher;

/**
 * Pact JVM cannot express a request body that claims to be JSON but does not parse: its DSL stores a
 * JSON body parsed, and its JSON matcher parses the expected body. This attaches such a body to one
 * interaction after the DSL has built it:
 * <ul>
 *   <li>the body keeps content type {@code application/json} with the {@code BINARY} hint, so the V4
 *       file stores it verbatim ({@code "encoded": "JSON"}, the raw text) and a provider verifier
 *       replays exactly these bytes;</li>
 *   <li>a content-type matcher on {@code $} makes the mock server accept any body that looks like
 *       JSON instead of parsing it (the mock then never compares the bytes themselves).</li>
 * </ul>
 */
final class MalformedJsonBody {

    private MalformedJsonBody() {
    }

    static V4Pact attach(V4Pact pact, String description, byte[] body) {
        for (Interaction i : pact.getInteractions()) {
            if (i.getDescription().equals(description) && i instanceof V4Interaction.SynchronousHttp http) {
                HttpRequest request = http.getRequest();
                request.setBody(OptionalBody.body(body, new ContentType("application/json"), ContentTypeHint.BINARY));
                request.getMatchingRules().addCategory("body").addRule("$", new ContentTypeMatcher("application/json"));
                return pact;
            }
        }
        throw new IllegalArgumentException("no HTTP interaction described as '" + description + "'");
    }
}
