package io.mintp2p.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs honest attempts spread over an attack, on a thread of its own: the first after
 * {@code firstDelay}, then one every {@code period}, {@code count} in all.
 */
public final class HonestProbe implements AutoCloseable {
    private final HonestPeer peer;
    private final Duration firstDelay;
    private final Duration period;
    private final int count;
    private final List<HonestResult> results = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    private HonestProbe(HonestPeer peer, Duration firstDelay, Duration period, int count) {
        this.peer = peer;
        this.firstDelay = firstDelay;
        this.period = period;
        this.count = count;
        this.thread = new Thread(this::run, "honest-probe");
        this.thread.setDaemon(true);
    }

    public static HonestProbe start(HonestPeer peer, Duration firstDelay, Duration period, int count) {
        HonestProbe p = new HonestProbe(peer, firstDelay, period, count);
        p.thread.start();
        return p;
    }

    private void run() {
        long next = System.nanoTime() + firstDelay.toNanos();
        for (int i = 0; i < count && !stopped; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (stopped) {
                return;
            }
            results.add(peer.attempt());
            next += period.toNanos();
        }
    }

    /** Waits for every attempt (bounded by {@code timeout}) and returns the results. */
    public List<HonestResult> await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return new ArrayList<>(results);
    }

    public List<HonestResult> results() {
        return new ArrayList<>(results);
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }

    /** The attempts that failed or took {@code bound} or longer (handshake + ping); empty when all is well. */
    public static List<HonestResult> slowOrFailed(List<HonestResult> results, Duration bound) {
        List<HonestResult> bad = new ArrayList<>();
        for (HonestResult r : results) {
            if (!r.ok() || r.total().compareTo(bound) >= 0) {
                bad.add(r);
            }
        }
        return bad;
    }

    /** "n=5 ok=5 handshake min/median/max 3/5/40 ms, handshake+ping max 41 ms". */
    public static String summary(List<HonestResult> results) {
        List<Long> handshakes = new ArrayList<>();
        long maxTotal = 0;
        int ok = 0;
        for (HonestResult r : results) {
            maxTotal = Math.max(maxTotal, r.total().toMillis());
            if (r.ok()) {
                ok++;
                handshakes.add(r.handshake().get().toMillis());
            }
        }
        handshakes.sort(null);
        String hs = handshakes.isEmpty() ? "-" : handshakes.get(0) + "/" + handshakes.get(handshakes.size() / 2) + "/"
                + handshakes.get(handshakes.size() - 1);
        StringBuilder failures = new StringBuilder();
        for (HonestResult r : results) {
            if (!r.ok()) {
                failures.append(failures.length() == 0 ? " failures: " : "; ").append(r);
            }
        }
        return "honest n=" + results.size() + " ok=" + ok + " handshake min/median/max " + hs
                + " ms, handshake+ping max " + maxTotal + " ms" + failures;
    }
}
