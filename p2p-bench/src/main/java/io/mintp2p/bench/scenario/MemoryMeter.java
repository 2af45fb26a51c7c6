package io.mintp2p.bench.scenario;

import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Heap and direct memory in use, after the collector has had its say. Direct = Netty's own counter
 * (buffers it allocates without a Cleaner) plus the JDK's direct buffer pool.
 */
final class MemoryMeter {
    record Reading(long heap, long direct) {
    }

    private MemoryMeter() {
    }

    static Reading settle() throws InterruptedException {
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        long direct = Math.max(0, PlatformDependent.usedDirectMemory());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        return new Reading(heap, direct);
    }

    static long usedHeapAfterGc() throws InterruptedException {
        return settle().heap();
    }
}
