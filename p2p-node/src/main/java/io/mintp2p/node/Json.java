package io.mintp2p.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.IdentityPin;
import java.util.LinkedHashMap;
import java.util.Map;

/** The admin API's JSON shapes (see README "Admin API"). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static Map<String, Object> peer(PeerSnapshot p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("address", p.address().toString());
        m.put("direction", p.direction().name());
        m.put("purpose", p.purpose().map(Enum::name).orElse(null));
        m.put("identity", p.identity().map(Object::toString).orElse(null));
        m.put("protocolVersion", p.protocolVersion());
        m.put("userAgent", p.userAgent());
        m.put("softwareVersion", p.softwareVersion().toString());
        m.put("services", p.services().bits());
        m.put("lastPingRttMillis", p.lastPingRtt().map(d -> d.toNanos() / 1e6).orElse(null));
        m.put("bytesIn", p.bytesIn());
        m.put("bytesOut", p.bytesOut());
        m.put("connectedSince", p.connectedSince().toString());
        return m;
    }

    static Map<String, Object> address(AddressBookEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", e.address().toString());
        m.put("tried", e.tried());
        m.put("source", e.source());
        m.put("failures", e.failures());
        m.put("lastSuccess", e.lastSuccess().map(Object::toString).orElse(null));
        return m;
    }

    static Map<String, Object> ban(BanEntry b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", b.address().getHostAddress());
        m.put("until", b.until().toString());
        m.put("reason", b.reason());
        m.put("manual", b.manual());
        return m;
    }

    static Map<String, Object> pin(IdentityPin p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", p.address().toString());
        m.put("identity", p.identity().hex());
        m.put("pinnedAt", p.pinnedAt().toString());
        return m;
    }

    static Map<String, Object> gossip(Gossip.Received r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.message().idHex());
        m.put("payload", r.message().payload());
        m.put("origin", r.message().origin());
        m.put("hops", r.message().hops());
        m.put("receivedAt", r.receivedAt().toString());
        return m;
    }
}
