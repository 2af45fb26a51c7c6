package io.mintp2p.core.wire;

/**
 * One decoded frame payload: a control message of Mintlayer's {@code Message} enum, or an
 * application message registered by the node builder. See WIRE.md section 4 for the indices.
 */
public sealed interface Message
        permits Hello, HelloAck, PingRequest, PingResponse, AnnounceAddrRequest, AddrListRequest,
                AddrListResponse, WillDisconnect, AppMessage {

    /**
     * Short name for logs and metrics, e.g. {@code "ping_request"} or the application type's name.
     *
     * @return the name, the same for every message of the type
     */
    String typeName();
}
