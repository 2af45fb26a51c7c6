package io.mintp2p.core.wire;

import java.util.List;

/**
 * At most {@link WireLimits#MAX_ADDR_LIST_RESPONSE} addresses; more is a violation (ban 100).
 *
 * @param addresses the addresses; copied
 */
public record AddrListResponse(List<PeerAddress> addresses) implements Message {
    /**
     * Copies the list.
     *
     * @param addresses the addresses, none null
     */
    public AddrListResponse {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String typeName() {
        return "addr_list_response";
    }
}
