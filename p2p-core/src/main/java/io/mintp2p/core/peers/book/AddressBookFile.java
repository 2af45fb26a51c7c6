package io.mintp2p.core.peers.book;

import io.mintp2p.core.peers.persistence.StateFile;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.transport.TransportAddress;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The book's saved form ({@link StateFile#ADDRESSES}): a header line, the salt, then one
 * tab-separated line per entry (address, tried, failures, source, last success, last attempt).
 * The salt is saved with it, so a loaded book puts its addresses in the buckets they left.
 */
final class AddressBookFile {
    private static final String FORMAT_HEADER = "mintp2p-addresses v2";

    private AddressBookFile() {
    }

    /** The saved form of the tables' entries, tried first. */
    static String serialize(long salt, AddressTable tried, AddressTable fresh) {
        StringBuilder sb = new StringBuilder(FORMAT_HEADER).append('\n');
        sb.append("salt\t").append(Long.toHexString(salt)).append("\t0\t-\t0\t0\n");
        tried.entries().forEach(e -> line(sb, e));
        fresh.entries().forEach(e -> line(sb, e));
        return sb.toString();
    }

    private static void line(StringBuilder sb, KnownAddress e) {
        sb.append(e.address()).append('\t').append(e.tried ? 1 : 0).append('\t').append(e.failures).append('\t')
                .append(e.source.replace('\t', ' ').replace('\n', ' ')).append('\t').append(e.lastSuccessMillis)
                .append('\t').append(e.lastAttemptMillis).append('\n');
    }

    /**
     * Loads the saved book into tables of the given size (what does not fit smaller ones is dropped,
     * as when they fill up). An unreadable one is set aside and the book starts empty.
     */
    static AddressBook load(StateStorage storage, AddressBook.Tables tables, RandomGenerator random,
                            Function<TransportAddress, String> groupOf, LongSupplier monotonicMillis) {
        try {
            List<String[]> records = storage.records(StateFile.ADDRESSES, FORMAT_HEADER, 6);
            if (records.isEmpty()) {
                return new AddressBook(tables, random, groupOf, monotonicMillis);
            }
            if (!records.get(0)[0].equals("salt")) {
                throw new IOException("no salt line");
            }
            AddressBook book = new AddressBook(tables, random, groupOf, monotonicMillis,
                    Long.parseUnsignedLong(records.get(0)[1], 16));
            for (String[] f : records.subList(1, records.size())) {
                TransportAddress address = TransportAddress.parse(f[0]);
                book.add(address, f[3]);
                if (f[1].equals("1")) {
                    book.markSuccess(address, Long.parseLong(f[4]));
                }
                KnownAddress e = book.known(address);
                if (e != null) {
                    e.failures = Integer.parseInt(f[2]);
                    e.lastSuccessMillis = Long.parseLong(f[4]);
                    e.lastAttemptMillis = Long.parseLong(f[5]);
                }
            }
            return book;
        } catch (IOException | RuntimeException e) {
            storage.setAsideUnreadable(StateFile.ADDRESSES, "address book", e);
            return new AddressBook(tables, random, groupOf, monotonicMillis);
        }
    }
}
