package io.mintp2p.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import org.junit.jupiter.api.Test;

class LinkTableTest {
    private final LinkTable table = new LinkTable();

    private Link opened(String ip) {
        FakeConnection c = new FakeConnection(ip, Direction.INBOUND);
        Link link = c.link(Runnable::run);
        table.add(link);
        link.open(table.nextId());
        return link;
    }

    @Test
    void aLinkIsFoundByItsConnectionUntilForgotten() {
        Link link = opened("192.0.2.1");
        assertThat(table.linkOf(link.connection)).isSameAs(link);
        assertThat(table.size()).isEqualTo(1);

        assertThat(table.forget(link.connection)).isSameAs(link);
        assertThat(table.linkOf(link.connection)).as("frames of a forgotten connection go nowhere").isNull();
        assertThat(table.isEmpty()).isTrue();
    }

    @Test
    void idsAreGivenInOrderAndNeverReused() {
        Link a = opened("192.0.2.1");
        Link b = opened("192.0.2.2");
        table.forget(a.connection);
        Link c = opened("192.0.2.3");
        assertThat(b.id.compareTo(a.id)).isPositive();
        assertThat(c.id.compareTo(b.id)).isPositive();
    }

    @Test
    void onlyAcceptedLinksArePeersAndALetGoPeerIsNoLongerShown() {
        Link a = opened("192.0.2.1");
        Link b = opened("192.0.2.2");
        assertThat(table.accepted(a.id)).isNull();

        table.accept(a);
        table.accept(b);
        assertThat(table.accepted(a.id)).isSameAs(a);
        assertThat(table.acceptedLinks()).containsExactlyInAnyOrder(a, b);

        assertThat(table.removeAccepted(a.id)).isSameAs(a);
        assertThat(table.removeAccepted(a.id)).isNull();
        assertThat(table.acceptedLinks()).containsExactly(b);
        assertThat(table.size()).as("still a connection until it closes").isEqualTo(2);
    }

    @Test
    void thePeerManagerReachesServedLinksAndTheOneItJudgesButNoOther() {
        Link served = opened("192.0.2.1");
        Link judged = opened("192.0.2.2");
        Link other = opened("192.0.2.3");
        table.serve(served);
        table.judging(judged);

        assertThat(table.notAcceptedYet(served.id)).isSameAs(served);
        assertThat(table.notAcceptedYet(judged.id)).isSameAs(judged);
        assertThat(table.notAcceptedYet(other.id)).isNull();

        table.doneJudging();
        table.unserve(served.id);
        assertThat(table.notAcceptedYet(served.id)).isNull();
        assertThat(table.notAcceptedYet(judged.id)).isNull();
    }

    @Test
    void anUnknownIdIsNoPeer() {
        assertThat(table.accepted(new PeerId(42))).isNull();
        assertThat(table.notAcceptedYet(new PeerId(42))).isNull();
        assertThat(table.snapshots()).isEmpty();
    }
}
