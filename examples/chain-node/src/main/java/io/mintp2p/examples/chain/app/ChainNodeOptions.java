package io.mintp2p.examples.chain.app;

import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.examples.chain.logic.Chain;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link ChainNodeMain}, parsed and checked. Immutable.
 *
 * @param listen       where to listen ({@code --listen}, default {@code tcp://0.0.0.0:23040})
 * @param boot         nodes to dial first ({@code --boot}, repeatable)
 * @param name         the node's name, in its output lines and thread names ({@code --name}, 1-32 of
 *                     {@code A-Za-z0-9._-}, default {@code chain-node})
 * @param mineInterval pause between mined blocks ({@code --mine-interval}, {@code 500ms}/{@code 2s}; 0: no mining)
 * @param mineDelay    wait before the first block ({@code --mine-delay}, default the interval)
 * @param mineBlocks   how many blocks to mine at most ({@code --mine-blocks}, default unbounded)
 * @param mineWork     the work (leading zero bits) of mined blocks ({@code --mine-work}, default 10)
 * @param seed         the miner's seed ({@code --seed}, default 1)
 */
public record ChainNodeOptions(TransportAddress listen, List<TransportAddress> boot, String name,
                               Duration mineInterval, Duration mineDelay, long mineBlocks, int mineWork, long seed) {
    /** The usage line printed with a parse error. */
    public static final String USAGE = "usage: chain-node [--listen tcp://host:port] [--boot tcp://host:port]... "
            + "[--name NAME] [--mine-interval 2s] [--mine-delay 10s] [--mine-blocks N] [--mine-work BITS] [--seed N]";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the option that is unknown, lacks a value or has a bad one
     */
    public static ChainNodeOptions parse(String... args) {
        TransportAddress listen = TransportAddress.parse("tcp://0.0.0.0:23040");
        List<TransportAddress> boot = new ArrayList<>();
        String name = "chain-node";
        Duration interval = Duration.ZERO;
        Duration delay = null;
        long blocks = Long.MAX_VALUE;
        int work = 10;
        long seed = 1;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String v = args[i + 1];
            try {
                switch (option) {
                    case "--listen" -> listen = TransportAddress.parse(v);
                    case "--boot" -> boot.add(TransportAddress.parse(v));
                    case "--name" -> name = v;
                    case "--mine-interval" -> interval = duration(v);
                    case "--mine-delay" -> delay = duration(v);
                    case "--mine-blocks" -> blocks = Long.parseLong(v);
                    case "--mine-work" -> work = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": not a valid value: " + v);
            }
        }
        if (work < Chain.MIN_WORK || work > Chain.MAX_WORK) {
            throw new IllegalArgumentException("--mine-work must be " + Chain.MIN_WORK + "-" + Chain.MAX_WORK);
        }
        if (interval.isNegative() || delay != null && delay.isNegative() || blocks < 0) {
            throw new IllegalArgumentException("--mine-interval, --mine-delay and --mine-blocks must not be negative");
        }
        return new ChainNodeOptions(listen, List.copyOf(boot), name, interval, delay == null ? interval : delay, blocks,
                work, seed);
    }

    private static Duration duration(String v) {
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        return Duration.parse(v);
    }
}
