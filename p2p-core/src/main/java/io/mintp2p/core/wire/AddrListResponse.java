package io.mintp2p.core.wire;

import java.util.List;

/** At most {@link WireLimits#MAX_ADDR_LIST_RESPONSE} addresses; more is a violation (ban 100). */
public record AddrListResponse(List<PeerAddress> addresses) implements Message {
    public AddrListResponse {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String typeName() {
        return "addr_list_response";
    }
}
