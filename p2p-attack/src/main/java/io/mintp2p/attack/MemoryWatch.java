package io.mintp2p.attack;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Memory before, during and after an attack: {@link #checkpoint()} records heap after GC plus direct
 * memory; a background sampler records the peak of direct memory between checkpoints (it never
 * triggers GC). The peak is the largest checkpoint, or the heap of the largest checkpoint plus the
 * direct peak, whichever is larger.
 */
public final class MemoryWatch implements AutoCloseable {
    private final LongSupplier direct;
    private final LongSupplier heapAfterGc;
    private final boolean rss;
    private final long before;
    private final AtomicLong peakCheckpoint = new AtomicLong();
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakDirect = new AtomicLong();
    private volatile long last;
    private final Thread sampler;
    private volatile boolean stopped;

    private MemoryWatch(LongSupplier heapAfterGc, LongSupplier direct, boolean rss) {
        this.rss = rss;
        this.heapAfterGc = heapAfterGc;
        this.direct = direct;
        this.before = heapAfterGc.getAsLong() + direct.getAsLong();
        this.last = before;
        this.sampler = new Thread(() -> {
            while (!stopped) {
                peakDirect.accumulateAndGet(direct.getAsLong(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Heap after GC plus direct memory of this JVM. */
    public static MemoryWatch inProcess() {
        return new MemoryWatch(MemoryProbe::heapAfterGc, MemoryProbe::directInUse, false);
    }

    /** Resident set size of another process, sampled in the background like direct memory. */
    public static MemoryWatch process(long pid) {
        return new MemoryWatch(() -> 0L, () -> MemoryProbe.rss(pid).orElse(0), true);
    }

    /** Records one measurement now and returns it. */
    public long checkpoint() {
        long heap = heapAfterGc.getAsLong();
        long now = heap + direct.getAsLong();
        peakHeap.accumulateAndGet(heap, Math::max);
        peakCheckpoint.accumulateAndGet(now, Math::max);
        last = now;
        return now;
    }

    public long before() {
        return before;
    }

    public long after() {
        return last;
    }

    public long peak() {
        return Math.max(Math.max(before, peakCheckpoint.get()), peakHeap.get() + peakDirect.get());
    }

    public long growth() {
        return peak() - before;
    }

    public String summary() {
        if (rss) {
            return "rss before/peak/after " + MemoryProbe.mb(before) + "/" + MemoryProbe.mb(peak()) + "/"
                    + MemoryProbe.mb(after()) + " (growth " + MemoryProbe.mb(growth()) + ")";
        }
        return "memory before/peak/after " + MemoryProbe.mb(before) + "/" + MemoryProbe.mb(peak()) + "/"
                + MemoryProbe.mb(after()) + " (growth " + MemoryProbe.mb(growth()) + "; peak heap after GC "
                + MemoryProbe.mb(peakHeap.get()) + ", peak direct " + MemoryProbe.mb(peakDirect.get()) + ")";
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
