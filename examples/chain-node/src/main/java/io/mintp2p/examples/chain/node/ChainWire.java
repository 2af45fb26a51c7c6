package io.mintp2p.examples.chain.node;

import io.mintp2p.core.node.Protocol;
import io.mintp2p.core.node.RequestType;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ScaleCodec;
import io.mintp2p.core.wire.ScaleCodecs;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.examples.chain.logic.Block;
import io.mintp2p.examples.chain.logic.Chain;
import io.mintp2p.examples.chain.logic.Hash;
import io.mintp2p.examples.chain.logic.Header;
import java.util.List;

/**
 * The "toychain" protocol, version 1, on application service bit 16: a block announcement
 * ({@code NEW_BLOCK}, the full block) and the two requests of headers-first sync, correlated by id on
 * the wire. Every list a peer sends is bounded by its codec. Constants only; thread-safe.
 */
public final class ChainWire {
    /** The service bit a node advertises to take part. */
    public static final ServiceFlags SERVICE = ServiceFlags.application(16);

    static final ScaleCodec<Hash> HASH = ScaleCodecs.record(ScaleCodecs.fixed(Hash.LENGTH), Hash::bytes, Hash::new);
    static final ScaleCodec<List<Hash>> HASHES = ScaleCodecs.list(HASH, 128);
    static final ScaleCodec<Header> HEADER = ScaleCodecs.record(HASH, Header::parent, ScaleCodecs.u64(), Header::height,
            ScaleCodecs.u8(), Header::work, ScaleCodecs.u64(), Header::nonce, HASH, Header::payloadHash, Header::new);
    static final ScaleCodec<Block> BLOCK = ScaleCodecs.record(HEADER, Block::header,
            ScaleCodecs.bytes(Block.MAX_PAYLOAD), Block::payload, Block::new);

    /** Asks for the best chain's headers after the first locator hash the peer has, at most {@code max}. */
    public record GetHeaders(List<Hash> locator, long max) {
    }

    /** Announces a new tip (relayed once per node: only blocks that move the receiver's tip go on). */
    public static final MessageType<Block> NEW_BLOCK = MessageType.of(64, "toychain.new-block", SERVICE, BLOCK);
    /** Headers-first sync, step one: headers after a locator. */
    public static final RequestType<GetHeaders, List<Header>> GET_HEADERS = RequestType.correlated("toychain.get-headers",
            65, 66, SERVICE, ScaleCodecs.record(HASHES, GetHeaders::locator, ScaleCodecs.u32(), GetHeaders::max,
                    GetHeaders::new), ScaleCodecs.list(HEADER, Chain.MAX_HEADERS));
    /** Step two: the blocks of the headers we lack. */
    public static final RequestType<List<Hash>, List<Block>> GET_BLOCKS = RequestType.correlated("toychain.get-blocks",
            67, 68, SERVICE, HASHES, ScaleCodecs.list(BLOCK, Chain.MAX_BLOCKS));
    /** All of it, to register with the node ({@code withProtocols}). */
    public static final Protocol PROTOCOL = Protocol.builder("toychain", 1, SERVICE)
            .messages(NEW_BLOCK).requests(GET_HEADERS, GET_BLOCKS).build();

    private ChainWire() {
    }
}
