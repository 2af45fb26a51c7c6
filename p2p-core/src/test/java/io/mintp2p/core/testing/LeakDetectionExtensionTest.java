package io.mintp2p.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check must be able to fail: a deliberately dropped buffer is found. */
class LeakDetectionExtensionTest {
    @Test
    void aDroppedBufferIsReported() {
        LeakDetectionExtension.collectLeaks();
        leakOne();
        assertThat(LeakDetectionExtension.collectLeaks()).anyMatch(l -> l.contains("LEAK"));
    }

    @Test
    void aReleasedBufferIsNot() {
        ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
        b.writeLong(1);
        b.release();
        assertThat(LeakDetectionExtension.collectLeaks()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
        b.writeLong(42);
    }
}
