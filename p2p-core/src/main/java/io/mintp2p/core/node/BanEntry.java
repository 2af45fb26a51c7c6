package io.mintp2p.core.node;

import java.net.InetAddress;
import java.time.Instant;

/**
 * A manual ban or an automatic discouragement: an IPv4 address ({@code prefixLength} 32) or an IPv6
 * /64 ({@code prefixLength} 64, {@code address} the network), so one host cannot walk around it by
 * picking another address of its own subnet.
 */
public record BanEntry(InetAddress address, int prefixLength, Instant until, String reason, boolean manual) {
}
