package io.mintp2p.examples.chain.logic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The block tree of one node: every valid block it has, the fork choice (the tip is the block with the
 * most cumulative work, ties to the lower hash), reorgs, and what sync needs (a locator, the headers
 * after a locator, the blocks we lack). Knows nothing of the network.
 *
 * <p>Thread-safe: every method holds the chain's lock for a short, non-blocking computation (callers
 * are handler-pool threads and the threads request futures complete on). Tip listeners run under the
 * lock, in tip order, and must be quick.
 *
 * <p>Bounded: at most {@code capacity} blocks are kept; once full, a block that would not become the
 * tip is dropped (every block kept carries proof of work, so filling the store costs the sender).
 */
public final class Chain {
    /** The least work (leading zero bits) a block may claim. */
    public static final int MIN_WORK = 8;
    /** The most work a block may claim. */
    public static final int MAX_WORK = 24;
    /** The most headers {@link #headersAfter} returns. */
    public static final int MAX_HEADERS = 256;
    /** The most blocks {@link #blocks} returns. */
    public static final int MAX_BLOCKS = 64;
    /** Blocks kept by default. */
    public static final int DEFAULT_CAPACITY = 100_000;

    /** The block every chain starts from (work 0, exempt from the work check). */
    public static final Block GENESIS = new Block(new Header(Hash.ZERO, 0, 0, 0, Hash.sha256(new byte[0])), new byte[0]);

    private record Entry(Block block, long chainWork) {
    }

    private final int capacity;
    private final Map<Hash, Entry> entries = new HashMap<>();
    /** The best chain by height: best.get(h) is the hash of the tip's ancestor at height h. */
    private final List<Hash> best = new ArrayList<>();
    private final List<Consumer<Block>> tipListeners = new ArrayList<>();
    private Entry tip;
    private int reorgs;

    /** A chain holding only {@link #GENESIS}, keeping at most {@link #DEFAULT_CAPACITY} blocks. */
    public Chain() {
        this(DEFAULT_CAPACITY);
    }

    /** A chain holding only {@link #GENESIS}, keeping at most {@code capacity} blocks. */
    public Chain(int capacity) {
        this.capacity = capacity;
        tip = new Entry(GENESIS, 0);
        entries.put(GENESIS.hash(), tip);
        best.add(GENESIS.hash());
    }

    /** Calls {@code listener} with every new tip, under the chain's lock (keep it short). */
    public synchronized void onNewTip(Consumer<Block> listener) {
        tipListeners.add(listener);
    }

    /** The block with the most cumulative work (ties: the lower hash). */
    public synchronized Block tip() {
        return tip.block();
    }

    /** The tip's cumulative work: the sum of {@code 2^work} over its ancestors. */
    public synchronized long tipWork() {
        return tip.chainWork();
    }

    /** How many times the tip moved to a block that does not descend from the previous tip. */
    public synchronized int reorgs() {
        return reorgs;
    }

    /** Blocks kept, genesis included. */
    public synchronized int size() {
        return entries.size();
    }

    /** Whether the block {@code hash} is stored. */
    public synchronized boolean contains(Hash hash) {
        return entries.containsKey(hash);
    }

    /** {@link #add(List)} of one block. */
    public Outcome add(Block block) {
        return add(List.of(block));
    }

    /**
     * Adds blocks in order, skipping known ones; stops at the first invalid block or the first whose
     * parent is unknown, and says so. The tip moves to the heaviest block.
     */
    public synchronized Outcome add(List<Block> blocks) {
        Entry oldTip = tip;
        int added = 0;
        for (Block b : blocks) {
            if (entries.containsKey(b.hash())) {
                continue;
            }
            Entry parent = entries.get(b.header().parent());
            if (parent == null) {
                return outcome(added, Optional.empty(), true, oldTip);
            }
            Optional<Invalid> invalid = Validation.check(b.header(), parent.block().header());
            if (invalid.isEmpty() && !b.payloadMatches()) {
                invalid = Optional.of(Invalid.BAD_PAYLOAD);
            }
            if (invalid.isPresent()) {
                return outcome(added, invalid, false, oldTip);
            }
            Entry e = new Entry(b, parent.chainWork() + (1L << b.header().work()));
            boolean heavier = heavier(e, tip);
            if (entries.size() >= capacity && !heavier) {
                continue;
            }
            entries.put(b.hash(), e);
            added++;
            if (heavier) {
                moveTip(e);
            }
        }
        return outcome(added, Optional.empty(), false, oldTip);
    }

    private Outcome outcome(int added, Optional<Invalid> invalid, boolean orphan, Entry oldTip) {
        Optional<Block> newTip = tip == oldTip ? Optional.empty() : Optional.of(tip.block());
        newTip.ifPresent(t -> tipListeners.forEach(l -> l.accept(t)));
        return new Outcome(added, invalid, orphan, newTip);
    }

    private static boolean heavier(Entry a, Entry b) {
        return a.chainWork() > b.chainWork()
                || a.chainWork() == b.chainWork() && a.block().hash().compareTo(b.block().hash()) < 0;
    }

    /** Rewrites the best chain from the fork point up to {@code e}. */
    private void moveTip(Entry e) {
        List<Hash> path = new ArrayList<>();
        Header h = e.block().header();
        while (h.height() >= best.size() || !best.get((int) h.height()).equals(h.hash())) {
            path.add(h.hash());
            h = entries.get(h.parent()).block().header();
        }
        if (h.height() < tip.block().header().height()) {
            reorgs++;
        }
        best.subList((int) h.height() + 1, best.size()).clear();
        for (int i = path.size() - 1; i >= 0; i--) {
            best.add(path.get(i));
        }
        tip = e;
    }

    /**
     * Hashes of the best chain a peer can find our fork point with: the last ten, then at doubling
     * steps back, then genesis (at most 10 + 64).
     */
    public synchronized List<Hash> locator() {
        List<Hash> out = new ArrayList<>();
        long step = 1;
        for (long h = best.size() - 1; h > 0; h -= step) {
            out.add(best.get((int) h));
            if (out.size() >= 10) {
                step *= 2;
            }
        }
        out.add(GENESIS.hash());
        return out;
    }

    /**
     * The best chain's headers after the first hash of {@code locator} on it (after genesis if none
     * is), at most {@code min(max, MAX_HEADERS)}.
     */
    public synchronized List<Header> headersAfter(List<Hash> locator, long max) {
        int from = 1;
        for (Hash h : locator) {
            if (onBest(h)) {
                from = (int) entries.get(h).block().header().height() + 1;
                break;
            }
        }
        int to = (int) Math.min(best.size(), from + Math.max(0, Math.min(max, MAX_HEADERS)));
        List<Header> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(entries.get(best.get(i)).block().header());
        }
        return out;
    }

    /** Whether {@code h} is a block of the best chain (a side block may be higher than the best chain is long). */
    private boolean onBest(Hash h) {
        Entry e = entries.get(h);
        long height = e == null ? -1 : e.block().header().height();
        return e != null && height < best.size() && best.get((int) height).equals(h);
    }

    /** The blocks we have among the first {@link #MAX_BLOCKS} of {@code hashes}, in that order. */
    public synchronized List<Block> blocks(List<Hash> hashes) {
        return hashes.stream().limit(MAX_BLOCKS).map(entries::get).filter(e -> e != null).map(Entry::block).toList();
    }

    /**
     * Checks a peer's answer to our locator: the headers must start on a block we have and link one to
     * the next, each valid; then says which of their blocks we lack (the first {@link #MAX_BLOCKS}).
     */
    public synchronized HeaderCheck check(List<Header> headers) {
        if (headers.isEmpty()) {
            return new HeaderCheck(Optional.empty(), List.of());
        }
        Entry start = entries.get(headers.get(0).parent());
        if (start == null) {
            return new HeaderCheck(Optional.of(Invalid.BAD_PARENT), List.of());
        }
        Header parent = start.block().header();
        List<Hash> missing = new ArrayList<>();
        for (Header h : headers) {
            Optional<Invalid> invalid = h.parent().equals(parent.hash())
                    ? Validation.check(h, parent) : Optional.of(Invalid.BAD_PARENT);
            if (invalid.isPresent()) {
                return new HeaderCheck(invalid, List.of());
            }
            if (!entries.containsKey(h.hash()) && missing.size() < MAX_BLOCKS) {
                missing.add(h.hash());
            }
            parent = h;
        }
        return new HeaderCheck(Optional.empty(), missing);
    }
}
