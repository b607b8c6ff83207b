package dev.ism.function.auth;

/** A malformed line in a token file. The message names the line but never contains a token. */
public final class TokenFileException extends RuntimeException {

    private final int lineNumber;

    TokenFileException(String source, int lineNumber, String reason) {
        super(source + " line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number in the file. */
    public int lineNumber() {
        return lineNumber;
    }
}
