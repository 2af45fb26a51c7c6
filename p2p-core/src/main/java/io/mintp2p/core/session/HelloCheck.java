package io.mintp2p.core.session;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.wire.NetworkMagic;
import io.mintp2p.core.wire.ProtocolVersion;
import java.time.Instant;
import java.util.Optional;

/** The checks both sides run on the other's Hello or HelloAck (WIRE.md 9): version, clock, network. Pure. */
final class HelloCheck {
    private HelloCheck() {
    }

    /**
     * Why the peer is refused, or empty when it is compatible. Its time must lie within the allowed
     * clock difference of the span from our start ({@code startedUnixSeconds}) to now.
     */
    static Optional<CloseReason> refusal(SessionSettings us, int theirVersion, NetworkMagic theirNetwork, long theirTime,
                                         long startedUnixSeconds, long nowUnixSeconds) {
        if (ProtocolVersion.negotiate(us.protocolVersion(), theirVersion).isEmpty()) {
            return Optional.of(CloseReason.of(DisconnectReason.UNSUPPORTED_VERSION,
                    String.valueOf(ProtocolVersion.MIN_SUPPORTED)));
        }
        long diff = us.maxClockDiff().toSeconds();
        long earliest = startedUnixSeconds - diff;
        long latest = nowUnixSeconds + diff;
        if (theirTime < earliest || theirTime > latest) {
            return Optional.of(CloseReason.of(DisconnectReason.CLOCK_SKEW, timeText(theirTime)
                    + " not in " + Instant.ofEpochSecond(earliest) + "..=" + Instant.ofEpochSecond(latest)));
        }
        if (!theirNetwork.equals(us.network())) {
            return Optional.of(CloseReason.of(DisconnectReason.WRONG_NETWORK, us.network().displayName()));
        }
        return Optional.empty();
    }

    /** The peer's time is a u64 on the wire: far beyond what {@link Instant} holds, it is shown as a number. */
    private static String timeText(long unixSeconds) {
        if (unixSeconds < 0 || unixSeconds > Instant.MAX.getEpochSecond()) {
            return Long.toUnsignedString(unixSeconds);
        }
        return Instant.ofEpochSecond(unixSeconds).toString();
    }
}
