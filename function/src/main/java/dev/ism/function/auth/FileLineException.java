package dev.ism.function.auth;

/**
 * A malformed line in a token file or an ABAC policy file. The message names the file and the line but never
 * contains a token.
 */
public final class FileLineException extends RuntimeException {

    private final int lineNumber;

    FileLineException(String source, int lineNumber, String reason) {
        super(source + " line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number in the file. */
    public int lineNumber() {
        return lineNumber;
    }
}
