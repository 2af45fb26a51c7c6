package io.mintp2p.inmemory.sim;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that run large simulations: Netty's leak detector samples buffers (SIMPLE)
 * instead of tracking every access of every buffer (PARANOID, the level of the rest of the suite)
 * while the class runs, and the level is restored afterwards. Profiling a 1000-node run showed 80 %
 * of its wall time in the stack traces PARANOID records on each write: an address list of 1000
 * entries is some 3000 writes. Leaks are still found (one buffer in 128 is tracked, and the
 * autodetected {@code LeakDetectionExtension} still fails the test that leaked), only less surely.
 */
final class SampledLeakDetection implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SampledLeakDetection.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("level", ResourceLeakDetector.getLevel());
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ResourceLeakDetector.Level previous = context.getStore(NAMESPACE).get("level", ResourceLeakDetector.Level.class);
        ResourceLeakDetector.setLevel(previous != null ? previous : ResourceLeakDetector.Level.PARANOID);
    }
}
