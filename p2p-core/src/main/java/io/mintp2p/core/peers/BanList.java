package io.mintp2p.core.peers;

import io.mintp2p.core.node.BanEntry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual bans and automatic discouragements by IP, each with an expiry. A banned address is
 * refused outright; a discouraged one is not dialled and only admitted while inbound slots are free.
 */
public final class BanList {
    private static final Logger log = LoggerFactory.getLogger(BanList.class);
    private static final String FORMAT_HEADER = "mintp2p-bans v1";

    private final Map<InetAddress, BanEntry> entries = new HashMap<>();

    public void ban(InetAddress address, Instant until, String reason) {
        entries.put(address, new BanEntry(address, until, reason, true));
    }

    public void discourage(InetAddress address, Instant until, String reason) {
        BanEntry existing = entries.get(address);
        if (existing == null || !existing.manual()) {
            entries.put(address, new BanEntry(address, until, reason, false));
        }
    }

    public boolean unban(InetAddress address) {
        return entries.remove(address) != null;
    }

    public boolean isBanned(InetAddress address, long nowMillis) {
        BanEntry e = active(address, nowMillis);
        return e != null && e.manual();
    }

    public boolean isDiscouraged(InetAddress address, long nowMillis) {
        BanEntry e = active(address, nowMillis);
        return e != null && !e.manual();
    }

    private BanEntry active(InetAddress address, long nowMillis) {
        BanEntry e = entries.get(address);
        if (e != null && e.until().toEpochMilli() <= nowMillis) {
            entries.remove(address);
            return null;
        }
        return e;
    }

    public void expire(long nowMillis) {
        entries.values().removeIf(e -> e.until().toEpochMilli() <= nowMillis);
    }

    public List<BanEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    public void save(Path file) throws IOException {
        AtomicFiles.write(file, serialize());
    }

    public String serialize() {
        StringBuilder sb = new StringBuilder(FORMAT_HEADER).append('\n');
        for (BanEntry e : entries.values()) {
            sb.append(e.address().getHostAddress()).append('\t').append(e.until().toEpochMilli()).append('\t')
                    .append(e.manual() ? 1 : 0).append('\t').append(e.reason().replace('\t', ' ').replace('\n', ' '))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Loads saved bans; an unreadable file is set aside and the list starts empty (logged). */
    public static BanList load(Path file) {
        BanList list = new BanList();
        try {
            for (String[] f : AtomicFiles.records(file, FORMAT_HEADER, 4)) {
                InetAddress ip = InetAddress.getByName(f[0]);
                list.entries.put(ip, new BanEntry(ip, Instant.ofEpochMilli(Long.parseLong(f[1])), f[3], f[2].equals("1")));
            }
            return list;
        } catch (IOException | RuntimeException e) {
            AtomicFiles.setAsideUnreadable(file, "ban list", e);
            return new BanList();
        }
    }

}
