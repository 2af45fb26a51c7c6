package io.mintp2p.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test whose code leaked a {@link ByteBuf}. Netty's detector runs at PARANOID and reports
 * leaks as ERROR logs of {@code io.netty.util.ResourceLeakDetector}; this extension listens to
 * that logger, so it works whichever code touched Netty first. Registered by
 * JUnit's extension autodetection (see junit-platform.properties).
 */
public final class LeakDetectionExtension implements AfterEachCallback {
    private static final List<String> LEAKS = Collections.synchronizedList(new ArrayList<>());

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Logger netty = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        AppenderBase<ILoggingEvent> recorder = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getFormattedMessage().contains("LEAK")) {
                    LEAKS.add(event.getFormattedMessage());
                }
            }
        };
        recorder.setContext(netty.getLoggerContext());
        recorder.start();
        netty.addAppender(recorder);
    }

    /** Makes the detector look at what was collected, and returns (and forgets) the leaks found. */
    public static List<String> collectLeaks() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                // The reference handler enqueues collected buffers asynchronously.
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Detection happens when a new tracked buffer is made: make a few.
            for (int j = 0; j < 4; j++) {
                UnpooledByteBufAllocator.DEFAULT.buffer(1).release();
            }
        }
        synchronized (LEAKS) {
            List<String> found = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return found;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError("ByteBuf leak(s) detected during " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }
}
