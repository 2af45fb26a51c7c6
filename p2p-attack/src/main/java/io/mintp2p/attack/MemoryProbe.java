package io.mintp2p.attack;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Memory figures: heap in use after GC, direct memory in use (Netty's own counter plus the JDK's
 * direct buffer pool, which are disjoint), and a process's resident set size from /proc.
 */
public final class MemoryProbe {
    public static final long MB = 1024L * 1024;

    private MemoryProbe() {
    }

    /** Heap in use after a few full collections (best effort: System.gc() is a request). */
    public static long heapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Direct memory in use now: Netty's cleaner-less allocations plus the JDK "direct" buffer pool. */
    public static long directInUse() {
        long netty = Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
        long jdk = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                jdk = Math.max(0, pool.getMemoryUsed());
            }
        }
        return netty + jdk;
    }

    /** Heap after GC plus direct memory: what an attack could make this JVM hold. */
    public static long heapAndDirect() {
        return heapAfterGc() + directInUse();
    }

    /** VmRSS of a process, from /proc/&lt;pid&gt;/status; empty when the process is gone or /proc is absent. */
    public static OptionalLong rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    public static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1fMB", bytes / (double) MB);
    }
}
