package dev.ism.function.sam.fakecrac;

/** Stand-in for the Lambda runtime's CRaC {@code CheckpointException}. */
public class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointException() {
        super();
    }
}
