package io.mintp2p.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A {@link io.mintp2p.core.session.PeerSession}, inbound or outbound, fed a sequence of peer messages,
 * closes and virtual time steps chosen by the fuzzer; {@link SessionChecker} holds the rules.
 */
class PeerSessionFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void session(byte[] data) {
        new SessionDriver(new ByteChoices(data)).run();
    }
}
