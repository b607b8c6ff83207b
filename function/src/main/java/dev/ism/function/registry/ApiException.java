package dev.ism.function.registry;

import dev.ism.schema.Status;

/** A failure a client caused or must know about, carrying the Kubernetes Status it receives. */
public final class ApiException extends RuntimeException {

    private final transient Status status;

    public ApiException(Status status) {
        super(status.reason() + ": " + status.message(), null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
