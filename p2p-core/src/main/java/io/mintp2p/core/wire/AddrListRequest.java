package io.mintp2p.core.wire;

/** Asks an (inbound-answering) peer for known addresses; zero bytes of body. */
public record AddrListRequest() implements Message {
    @Override
    public String typeName() {
        return "addr_list_request";
    }
}
