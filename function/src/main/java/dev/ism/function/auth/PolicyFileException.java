package dev.ism.function.auth;

/** A malformed line in an ABAC policy file. */
public final class PolicyFileException extends RuntimeException {

    private final int lineNumber;

    PolicyFileException(String source, int lineNumber, String reason) {
        super(source + " line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number in the file. */
    public int lineNumber() {
        return lineNumber;
    }
}
