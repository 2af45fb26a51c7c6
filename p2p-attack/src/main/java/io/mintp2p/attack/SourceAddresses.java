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

    public static InetAddress of(int third, int fourth) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
