package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.WillDisconnect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsCollectorTest {
    private static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(1024));

    @Test
    void countsEachMessageUnderItsTypeNameAndDirectionNamingOnlyWhatWasSeen() {
        StatsCollector stats = new StatsCollector(MessageRegistry.builder().register(NOTE).build());
        Message announce = new AnnounceAddrRequest(PeerAddress.ipv4(new byte[] {10, 0, 0, 1}, 23031));
        for (int i = 0; i < 3; i++) {
            stats.messageIn(announce);
        }
        stats.messageIn(new PingRequest(1));
        stats.messageIn(new AppMessage<>(NOTE, "hi"));
        stats.messageOut(new PingResponse(1));
        stats.messageOut(new PingRequest(2));
        stats.messageOut(new PingRequest(3));
        stats.messageOut(new AddrListRequest());
        stats.messageOut(new AddrListResponse(List.of()));
        stats.messageOut(new WillDisconnect("full"));

        NodeStats snapshot = stats.snapshot(0, 0, 0, 0, null);

        assertThat(snapshot.messagesIn()).isEqualTo(Map.of("announce_addr_request", 3L, "ping_request", 1L, "note", 1L));
        assertThat(snapshot.messagesOut()).isEqualTo(Map.of("ping_response", 1L, "ping_request", 2L, "note", 0L,
                "addr_list_request", 1L, "addr_list_response", 1L, "will_disconnect", 1L));
        assertThat(snapshot.pingsSent()).isEqualTo(2);
    }
}
