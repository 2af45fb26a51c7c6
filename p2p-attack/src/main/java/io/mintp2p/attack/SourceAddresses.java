package io.mintp2p.attack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Source addresses on 127.0.0.0/8 for client sockets: Linux routes the whole block to {@code lo},
 * so binding a client socket to 127.0.x.y gives the node a distinct remote IP per source.
 */
public final class SourceAddresses {
    private SourceAddresses() {
    }

    /** 127.0.{@code third}.{@code from} to 127.0.{@code third}.{@code to}, both included. */
    public static List<InetAddress> range(int third, int from, int to) {
        if (third < 0 || third > 255 || from < 1 || to > 254 || from > to) {
            throw new IllegalArgumentException("bad range 127.0." + third + "." + from + "-" + to);
        }
        List<InetAddress> out = new ArrayList<>(to - from + 1);
        for (int i = from; i <= to; i++) {
            out.add(of(third, i));
        }
        return List.copyOf(out);
    }

    /**
     * A clean source for honest peers: 127.99.0.{@code n}, outside the /16 (127.0.0.0/16) every attack
     * of this suite uses, so the node's per-group fairness sees it as another group.
     */
    public static InetAddress honest(int n) {
        return of(99, 0, n);
    }

    /** {@code groups} address groups (/16) 127.{@code firstSecond + g}.0.x with {@code perGroup} hosts each. */
    public static List<InetAddress> spread(int firstSecond, int groups, int perGroup) {
        if (firstSecond < 1 || firstSecond + groups > 255 || perGroup < 1 || perGroup > 254) {
            throw new IllegalArgumentException("bad spread " + firstSecond + "/" + groups + "/" + perGroup);
        }
        List<InetAddress> out = new ArrayList<>(groups * perGroup);
        for (int h = 1; h <= perGroup; h++) {
            for (int g = 0; g < groups; g++) {
                out.add(of(firstSecond + g, 0, h));
            }
        }
        return List.copyOf(out);
    }

    public static InetAddress of(int second, int third, int fourth) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) second, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static InetAddress of(int third, int fourth) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
