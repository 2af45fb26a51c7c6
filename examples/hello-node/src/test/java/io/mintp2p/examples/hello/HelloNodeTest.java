package io.mintp2p.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HelloNodeTest {
    @Test
    void bobsGreetingReachesAlice() throws Exception {
        assertEquals("hello, alice", HelloNode.run());
    }
}
