package dev.ism.function.registry.storage;

/** A conditional create found the item already there (an ImageStream with that namespace and name). */
public class AlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
