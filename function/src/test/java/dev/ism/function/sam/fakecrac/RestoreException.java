package dev.ism.function.sam.fakecrac;

/** Stand-in for the Lambda runtime's CRaC {@code RestoreException}. */
public class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public RestoreException() {
        super();
    }
}
