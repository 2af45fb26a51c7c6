package io.mintp2p.core.node;

import java.net.InetAddress;
import java.time.Instant;

/** A manual ban or an automatic discouragement of an IP address. */
public record BanEntry(InetAddress address, Instant until, String reason, boolean manual) {
}
