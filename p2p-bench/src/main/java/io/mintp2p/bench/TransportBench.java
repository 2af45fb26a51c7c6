package io.mintp2p.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and round-trip time of the mintp2p TCP transport against raw Netty with the same
 * framing, measured in the same run, alternating, and reported as ratios (the machines are shared
 * and noisy: absolute numbers move, ratios much less). Run after {@code mvn -q -DskipTests package}:
 * {@code java -jar p2p-bench/target/p2p-bench.jar [rounds] [frames] [frameBytes] [roundTrips]}.
 */
public final class TransportBench {
    private static final int WINDOW = 1024;

    private TransportBench() {
    }

    @FunctionalInterface
    interface LinkFactory {
        Link open(Link.Behaviour behaviour) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int pings = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        LinkFactory raw = RawNettyLink::new;
        LinkFactory mint = MintTcpLink::new;
        // Warm-up: JIT both paths before anything is recorded.
        throughput(raw, frames / 4, size);
        throughput(mint, frames / 4, size);
        roundTrips(raw, pings / 4);
        roundTrips(mint, pings / 4);

        double[] rawTput = new double[rounds];
        double[] mintTput = new double[rounds];
        double[] rawRtt = new double[rounds];
        double[] mintRtt = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rawTput[r] = throughput(raw, frames, size);
            mintTput[r] = throughput(mint, frames, size);
            rawRtt[r] = roundTrips(raw, pings);
            mintRtt[r] = roundTrips(mint, pings);
        }
        System.out.printf(Locale.ROOT, "throughput, %d B frames, window %d: raw netty %.0f msg/s, mintp2p tcp %.0f msg/s,"
                + " ratio %.2f (medians of %d rounds)%n", size, WINDOW, median(rawTput), median(mintTput),
                median(mintTput) / median(rawTput), rounds);
        System.out.printf(Locale.ROOT, "round trip, 16 B frames: raw netty %.1f us, mintp2p tcp %.1f us, ratio %.2f%n",
                median(rawRtt), median(mintRtt), median(mintRtt) / median(rawRtt));
    }

    /** Frames per second, client to server, with at most {@link #WINDOW} unacknowledged writes. */
    static double throughput(LinkFactory factory, int frames, int size) throws Exception {
        AtomicLong received = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (Link link = factory.open(new Link.Behaviour(false, () -> {
            if (received.incrementAndGet() == frames) {
                done.countDown();
            }
        }, () -> { }))) {
            Deque<CompletableFuture<Void>> window = new ArrayDeque<>();
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                if (window.size() == WINDOW) {
                    window.removeFirst().get(30, TimeUnit.SECONDS);
                }
                ByteBuf b = ByteBufAllocator.DEFAULT.buffer(size);
                b.writerIndex(size);
                window.addLast(link.send(b));
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + received.get() + " of " + frames + " frames arrived");
            }
            return frames / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Median microseconds for a 16-byte frame to go to the server and come back. */
    static double roundTrips(LinkFactory factory, int count) throws Exception {
        List<Long> samples = new ArrayList<>(count);
        final CountDownLatch[] back = new CountDownLatch[1];
        try (Link link = factory.open(new Link.Behaviour(true, () -> { }, () -> back[0].countDown()))) {
            for (int i = 0; i < count; i++) {
                back[0] = new CountDownLatch(1);
                long start = System.nanoTime();
                ByteBuf b = ByteBufAllocator.DEFAULT.buffer(16);
                b.writeLong(i).writeLong(start);
                link.send(b);
                if (!back[0].await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no echo for round trip " + i);
                }
                samples.add(System.nanoTime() - start);
            }
        }
        return median(samples.stream().mapToDouble(n -> n / 1000.0).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
