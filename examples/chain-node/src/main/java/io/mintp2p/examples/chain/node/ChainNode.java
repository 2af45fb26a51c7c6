package io.mintp2p.examples.chain.node;

import static io.mintp2p.core.node.RequestHandler.answering;
import static io.mintp2p.examples.chain.node.ChainWire.GET_BLOCKS;
import static io.mintp2p.examples.chain.node.ChainWire.GET_HEADERS;
import static io.mintp2p.examples.chain.node.ChainWire.NEW_BLOCK;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.ProtocolPeers;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.examples.chain.logic.Block;
import io.mintp2p.examples.chain.logic.Chain;
import io.mintp2p.examples.chain.logic.HeaderCheck;
import io.mintp2p.examples.chain.logic.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Chain} on a {@link P2pNode}: serves headers and blocks, announces every new tip (mined here
 * or learned), and syncs headers-first from a peer when it connects, when it announces a block we
 * cannot attach, and again while a round stores blocks. A peer sending an invalid block or header list
 * is reported as misbehaving with score 100 (disconnected and discouraged).
 *
 * <p>No thread of its own: handlers and hooks run on the node's handler pool, the sync continues on
 * the threads request futures complete on (a transport's I/O thread), and nothing here blocks; the
 * chain is thread-safe. Per peer, the node holds one sync state (an {@code AtomicInteger}: 0 idle,
 * 1 a round in flight, 2 another asked for meanwhile) and drops it when the peer goes.
 */
public final class ChainNode {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final P2pNode node;
    private final Chain chain;
    private final ProtocolPeers<AtomicInteger> peers;

    /**
     * Wires {@code chain} to {@code node}, which must have {@link ChainWire#PROTOCOL} registered and not be
     * started yet. From then on a block added to the chain that moves its tip is announced to every peer.
     * Caller's thread; does not block.
     *
     * @throws IllegalStateException if the node has started (hooks are attached before start)
     */
    public ChainNode(P2pNode node, Chain chain) {
        this.node = node;
        this.chain = chain;
        node.serve(GET_HEADERS, answering((peer, q) -> chain.headersAfter(q.locator(), q.max())));
        node.serve(GET_BLOCKS, answering((peer, hashes) -> chain.blocks(hashes)));
        node.subscribe(NEW_BLOCK, (peer, block) -> accept(peer.id(), List.of(block)));
        peers = node.attach(ChainWire.PROTOCOL, peer -> sync(peer.id(), new AtomicInteger()));
        chain.onNewTip(tip -> node.broadcast(NEW_BLOCK, tip));
    }

    private int accept(PeerId from, List<Block> blocks) {
        Outcome o = chain.add(blocks);
        o.invalid().ifPresent(why -> node.misbehaving(from, 100, "invalid block: " + why));
        peers.state(from).filter(state -> o.orphan()).ifPresent(state -> sync(from, state)); // we are behind: sync
        return o.added();
    }

    private AtomicInteger sync(PeerId peer, AtomicInteger state) {
        if (state.getAndUpdate(s -> Math.min(s + 1, 2)) == 0) {
            round(peer, state);
        }
        return state;
    }

    /** Headers after our locator, then the blocks we lack; another round if it stored some or one was asked for. */
    private void round(PeerId peer, AtomicInteger state) {
        node.request(peer, GET_HEADERS, new ChainWire.GetHeaders(chain.locator(), Chain.MAX_HEADERS), TIMEOUT)
                .thenCompose(headers -> {
                    HeaderCheck c = chain.check(headers);
                    c.invalid().ifPresent(why -> node.misbehaving(peer, 100, "invalid headers: " + why));
                    return c.missing().isEmpty() ? CompletableFuture.completedFuture(List.<Block>of())
                            : node.request(peer, GET_BLOCKS, c.missing(), TIMEOUT);
                })
                .whenComplete((blocks, failure) -> {
                    if (blocks != null && accept(peer, blocks) > 0 || state.decrementAndGet() > 0) {
                        round(peer, state);
                    }
                });
    }
}
