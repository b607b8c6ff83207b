package dev.ism.function.api;

import dev.ism.function.registry.ApiException;
import dev.ism.function.registry.CreateOptions;
import dev.ism.schema.Status;


/**
 * The checks of a create that come before its body is decoded (BEHAVIOUR.md section 1, steps 3 to 5):
 * content type, body size, query options.
 */
public final class RequestChecks {

    /** The API server's request body limit. */
    public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
    public static final String ACCEPTED = "application/json";

    private RequestChecks() {
    }

    /** The checks of a create in {@code namespace}, which the request log names from here on. */
    static CreateOptions beforeDecode(Exchange x, String namespace) {
        x.describe(namespace, null, null);
        contentType(x.header("Content-Type"));
        if (x.request().body().length > MAX_BODY_BYTES) {
            throw new ApiException(Status.tooLarge(MAX_BODY_BYTES));
        }
        QueryParameters query = x.request().query();
        return CreateOptions.parse(query.all("dryRun"), query.all("fieldManager"), query.all("fieldValidation"));
    }

    /**
     * {@code application/json}, with parameters or none, or no Content-Type at all (read as JSON); a
     * header Go's MIME parser refuses (such as {@code application/json; charset}) is a 415 too.
     */
    static void contentType(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        String type = MediaTypeSyntax.parse(header);
        if (!ACCEPTED.equals(type)) {
            throw new ApiException(Status.unsupportedMediaType(ACCEPTED));
        }
    }
}
