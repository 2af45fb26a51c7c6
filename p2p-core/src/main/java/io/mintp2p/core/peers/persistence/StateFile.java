package io.mintp2p.core.peers.persistence;

/** One piece of peer state kept between runs, with the file name it has in a data dir. */
public enum StateFile {
    /** The address book: its salt and known addresses. */
    ADDRESSES("peers.txt"),
    /** Manual bans and discouragements. */
    BANS("bans.txt"),
    /** The outbound peers a restart dials first. */
    ANCHORS("anchors.txt"),
    /** Identities pinned at first use. */
    PINS("pins.txt");

    private final String fileName;

    StateFile(String fileName) {
        this.fileName = fileName;
    }

    /** The name of its file in a data dir; existing data dirs use these names. */
    public String fileName() {
        return fileName;
    }
}
