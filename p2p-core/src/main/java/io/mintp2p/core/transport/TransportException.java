package io.mintp2p.core.transport;

/** A dial, listen or send that could not be done, with a readable reason. */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
