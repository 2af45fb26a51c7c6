package io.mintp2p.core.peers.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupOrderTest {
    @Test
    void eachGroupsKeyIsTheSaltedSha256OfItsNameHoweverCallsInterleave() throws Exception {
        GroupOrder order = new GroupOrder(42);
        List<String> groups = List.of("v4:1.2", "local:10.0.0.1:23031", "onion:7", "v4:1.2", "", "v6:2001:0db8");
        for (int round = 0; round < 3; round++) {
            for (String g : groups) {
                assertThat(order.applyAsLong(g)).as(g).isEqualTo(reference(42, g));
            }
        }
        assertThat(new GroupOrder(43).applyAsLong("v4:1.2")).isNotEqualTo(order.applyAsLong("v4:1.2"));
    }

    private static long reference(long salt, String group) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(ByteBuffer.allocate(8).putLong(salt).array());
        return ByteBuffer.wrap(sha.digest(group.getBytes(StandardCharsets.UTF_8))).getLong();
    }
}
