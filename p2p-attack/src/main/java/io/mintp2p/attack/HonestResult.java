package io.mintp2p.attack;

import java.time.Duration;
import java.util.Optional;

/**
 * One honest attempt: the handshake time (connect, [TLS,] Hello until HelloAck) and the ping time
 * (PingRequest until the matching PingResponse), or why it failed.
 */
public record HonestResult(Optional<Duration> handshake, Optional<Duration> ping, Optional<Failure> failure,
                           Duration elapsed, String detail) {

    public enum Failure {
        /** The TCP connect was refused or the connection was reset before anything. */
        REFUSED,
        /** The node closed the connection (EOF or reset) before the exchange finished. */
        EOF,
        /** The exchange did not finish within the attempt's deadline. */
        TIMEOUT,
        /** The node answered something that does not belong there (WillDisconnect, garbage). */
        PROTOCOL,
        /** Anything else (TLS failure, local error). */
        ERROR
    }

    public static HonestResult ok(Duration handshake, Duration ping) {
        return new HonestResult(Optional.of(handshake), Optional.of(ping), Optional.empty(), handshake.plus(ping), "ok");
    }

    public static HonestResult failed(Failure failure, Duration elapsed, String detail) {
        return new HonestResult(Optional.empty(), Optional.empty(), Optional.of(failure), elapsed, detail);
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** Handshake plus ping for a success; the time until the failure otherwise. */
    public Duration total() {
        return elapsed;
    }

    @Override
    public String toString() {
        return ok() ? "ok(handshake " + handshake.get().toMillis() + " ms, ping " + ping.get().toMillis() + " ms)"
                : failure.get() + " after " + elapsed.toMillis() + " ms: " + detail;
    }
}
