package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.wire.SemVer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Peers that sent equal Hellos keep one record; the recent ones only. */
class SharedHellosTest {
    private final SharedHellos hellos = new SharedHellos();

    private static RemoteHello hello(String userAgent) {
        return new RemoteHello(3, 3, 1, userAgent, new SemVer(0, 1, 0), Optional.empty());
    }

    @Test
    void equalHellosShareOneInstanceAndDifferentOnesDoNot() {
        RemoteHello first = hellos.share(hello("/a:1/"));
        assertThat(hellos.share(hello("/a:1/"))).isSameAs(first);
        assertThat(hellos.share(hello("/b:1/"))).isNotSameAs(first).isEqualTo(hello("/b:1/"));
    }

    @Test
    void onlyTheRecentOnesAreKept() {
        RemoteHello old = hellos.share(hello("/old/"));
        for (int i = 0; i < SharedHellos.KEPT; i++) {
            hellos.share(hello("/other " + i + "/"));
        }
        assertThat(hellos.share(hello("/old/"))).as("pushed out by as many newer ones").isNotSameAs(old);
    }
}
