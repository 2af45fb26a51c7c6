package io.mintp2p.core.peers;

import io.mintp2p.core.transport.TransportAddress;
import java.time.Instant;
import java.util.Optional;

/** One known address: where it came from and how dialling it went. */
public record AddressBookEntry(
        TransportAddress address,
        boolean tried,
        String source,
        int failures,
        Optional<Instant> lastSuccess,
        Optional<Instant> lastAttempt) {
}
