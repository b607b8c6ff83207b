package dev.ism.contracts.client;

/** The request could not be sent or its answer not read (connection refused, timeout, interrupted). */
public class ApiTransportException extends RuntimeException {

    public ApiTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
