package io.mintp2p.transport.tcp;

import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Frames handed to one connection by any thread, written by its event loop in batches: one task and
 * one flush per batch, where a {@code writeAndFlush} from another thread costs a task and a flush per
 * frame (BENCHMARKS.md). A send's future completes when the batch it went out in is written: writes
 * complete in order, so an empty marker write behind the batch stands for all of them. Frames sent
 * without a future ({@link #addQuietly}) sit in the queue with no future and no promise.
 */
final class Outbox implements Runnable {
    /** What the outbox tells its connection (one interface, not two lambdas per connection). */
    interface Owner {
        /** What a send's future fails with when its batch could not be written. */
        Throwable sendFailure(Throwable cause);

        /** Event loop, after a batch went to the channel (writability may have changed). */
        void drained();
    }

    private static final VarHandle QUEUED_BYTES;
    private static final VarHandle DRAIN_SCHEDULED;
    private static final VarHandle NEWEST;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            QUEUED_BYTES = lookup.findVarHandle(Outbox.class, "queuedBytes", long.class);
            DRAIN_SCHEDULED = lookup.findVarHandle(Outbox.class, "drainScheduled", boolean.class);
            NEWEST = lookup.findVarHandle(Outbox.class, "newest", Waiting.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Frames written per event-loop task, so a busy sender cannot hold the loop from reading. */
    static final int MAX_BATCH = 256;
    /**
     * Payloads up to this size are copied, behind their headers, into one buffer per batch
     * ({@link FramedBytes}) instead of going to the channel one by one: each buffer written costs the
     * event loop an entry in Netty's outbound buffer, a reference count and a release, more than
     * copying a small payload does (BENCHMARKS.md, step 8). Larger ones go as they are, uncopied, and
     * so do views of a buffer other connections hold too (a broadcast's): a copy per peer would undo
     * the sharing, and ten peers that never read would hold ten copies of everything queued.
     */
    static final int COALESCE_UP_TO = 4096;
    /** The most one coalesced buffer holds: the channel's writability is checked between buffers. */
    static final int COALESCED_BYTES = 64 * 1024;

    /**
     * A frame whose sender waits: the future it was given is this entry, so a send costs one object
     * here, not a future and a record. The frame is dropped once taken, so a future the sender keeps
     * does not keep a released buffer reachable.
     */
    private static final class Pending extends CompletableFuture<Void> {
        private ByteBuf frame;

        Pending(ByteBuf frame) {
            this.frame = frame;
        }

        ByteBuf take() {
            ByteBuf f = frame;
            frame = null;
            return f;
        }
    }

    /** One queued entry, linked to the one queued just before it (on the stack) or after it (once taken). */
    private static final class Waiting {
        final Object entry;
        Waiting next;

        Waiting(Object entry) {
            this.entry = entry;
        }
    }

    // Fields and VarHandles rather than atomics and lambdas: one outbox per peer, idle ones included
    // (BENCHMARKS.md, memory.idle_peer).
    private final Channel channel;
    private final Owner owner;
    /**
     * The queue is two linked lists. Senders push onto a stack ({@code newest}, one compare-and-set of
     * one field); the event loop takes the whole stack with one swap and turns it into {@code oldest},
     * in sending order, which only it reads. An idle connection holds two null fields, where a
     * ConcurrentLinkedQueue held its object and one or two nodes (~50-70 B, memory.idle_peer) and
     * JCTools' padded array queues 0.5 to 4 KiB; and the event loop writes to the senders' field once
     * per batch instead of once per frame. Its real bound is the connection's queued-bytes limit.
     */
    private volatile Waiting newest;
    /** Taken from the stack and not yet written, oldest first (event loop, or failAll once it is gone). */
    private Waiting oldest;
    private volatile boolean drainScheduled;
    private volatile long queuedBytes;

    /**
     * An empty write (no bytes on the wire) whose promise completes once every write before it did:
     * behind a batch some sender waits on, and behind everything when the connection closes. Frames
     * carry no promise of their own; a promise per batch (and, over TLS, a listener per promise) was a
     * cost per message when batches are short.
     */
    static final Object WRITTEN_MARK = new Object();

    Outbox(Channel channel, Owner owner) {
        this.channel = channel;
        this.owner = owner;
    }

    /** Bytes accepted but not yet handed to the channel. */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Any thread: queues a frame (its ownership passes here); the future completes once it is written. */
    CompletableFuture<Void> add(ByteBuf frame) {
        Pending written = new Pending(frame);
        queue(written, frame);
        return written;
    }

    /** Any thread: queues a frame (its ownership passes here) with nobody to tell when it is written. */
    void addQuietly(ByteBuf frame) {
        queue(frame, frame);
    }

    private void queue(Object entry, ByteBuf frame) {
        QUEUED_BYTES.getAndAdd(this, (long) frame.readableBytes());
        Waiting top;
        Waiting added = new Waiting(entry);
        do {
            top = newest;
            added.next = top;
        } while (!NEWEST.weakCompareAndSet(this, top, added));
        if (DRAIN_SCHEDULED.compareAndSet(this, false, true)) {
            try {
                channel.eventLoop().execute(this);
            } catch (RejectedExecutionException shutDown) {
                failAll(shutDown);
            }
        }
    }

    /** Event loop: writes everything queued, writable or not, then returns a future that completes once it is all written. */
    ChannelFuture drainAll() {
        while (!isEmpty()) {
            drain(false);
        }
        return channel.writeAndFlush(WRITTEN_MARK);
    }

    /** Event loop: writes everything queued, then closes the channel once it is out, or after {@code flushTimeout}. */
    void closeWhenWritten(Duration flushTimeout) {
        ChannelFuture pending = drainAll();
        if (!channel.isActive() || pending.isDone()) {
            channel.close();
            return;
        }
        pending.addListener(f -> channel.close());
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, flushTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Event loop: the drain task, one batch; it queues itself again while more is waiting and the
     * channel takes it. A channel over its high-water mark gets nothing more until it drains
     * ({@link #resume}): writing on past it only made Netty flip the channel's writability on every write.
     */
    @Override
    public void run() {
        drain(true);
        // Only now may senders schedule a drain again: while this one ran, what they queued is for
        // this loop to find (below), not for each of them to hand over as a task of its own (over
        // TLS, senders' offers to the loop's task queue were a fifth of the sending thread's time).
        // The flag is cleared before the queue is looked at, so a frame queued meanwhile is seen here
        // or schedules its own drain.
        drainScheduled = false;
        resume();
    }

    /** Event loop: after a batch, or when the channel became writable again: what waits and fits goes on. */
    void resume() {
        if (!isEmpty() && takesMore() && DRAIN_SCHEDULED.compareAndSet(this, false, true)) {
            channel.eventLoop().execute(this);
        }
    }

    /**
     * Event loop: writes up to {@link #MAX_BATCH} frames without promises (and, with
     * {@code whileWritable}, only while the channel is writable), then, if senders wait on some of
     * them, an empty marker write whose promise completes after all of them, and flushes once.
     */
    private synchronized void drain(boolean whileWritable) {
        List<CompletableFuture<Void>> waiting = null;
        int written = 0;
        long bytes = 0;
        ByteBuf coalesced = null;
        Object held;
        while (written < MAX_BATCH && (!whileWritable || takesMore()) && (held = poll()) != null) {
            ByteBuf frame = frameOf(held);
            int size = frame.readableBytes();
            bytes += size;
            if (held instanceof Pending p) {
                if (waiting == null) {
                    waiting = new ArrayList<>();
                }
                waiting.add(p);
            }
            if (size <= COALESCE_UP_TO && frame.refCnt() == 1) {
                if (coalesced != null && coalesced.writableBytes() < Frames.HEADER_BYTES + size) {
                    coalesced = writeCoalesced(coalesced);
                }
                if (coalesced == null) {
                    coalesced = channel.alloc().directBuffer(coalescedCapacity(size));
                }
                coalesced.writeIntLE(size).writeBytes(frame, frame.readerIndex(), size);
                frame.release();
            } else {
                coalesced = writeCoalesced(coalesced);
                channel.write(frame, channel.voidPromise());
            }
            written++;
        }
        writeCoalesced(coalesced);
        if (waiting != null) {
            List<CompletableFuture<Void>> batch = waiting;
            channel.write(WRITTEN_MARK).addListener(f -> complete(batch, f.isSuccess() ? null : f.cause()));
        }
        // Once per batch, not per frame: senders add to this counter on every message, and each
        // write of it from here took its cache line away from them. Until then it counts the batch
        // as still queued, which only makes a sender's limit check stricter for a moment.
        QUEUED_BYTES.getAndAdd(this, -bytes);
        if (written > 0) {
            channel.flush();
            owner.drained();
        }
    }

    /** Writes the frames copied so far, if any; returns null, the buffer to copy into next. */
    private ByteBuf writeCoalesced(ByteBuf coalesced) {
        if (coalesced != null) {
            channel.write(new FramedBytes(coalesced), channel.voidPromise());
        }
        return null;
    }

    /**
     * A coalesced buffer's size: what is queued (this batch included, headers aside) plus room for
     * headers, at least one frame, at most {@link #COALESCED_BYTES}; a lone ping gets a small buffer.
     */
    private int coalescedCapacity(int size) {
        long wanted = queuedBytes + 1024;
        return (int) Math.max(Frames.HEADER_BYTES + size, Math.min(COALESCED_BYTES, wanted));
    }

    private boolean isEmpty() {
        return oldest == null && newest == null;
    }

    /** The oldest queued entry, or null: from the taken list, refilled from the senders' stack when empty. */
    private Object poll() {
        if (oldest == null) {
            oldest = reversed((Waiting) NEWEST.getAndSet(this, null));
            if (oldest == null) {
                return null;
            }
        }
        Waiting first = oldest;
        oldest = first.next;
        return first.entry;
    }

    /** The stack, newest first, as a list oldest first. */
    private static Waiting reversed(Waiting top) {
        Waiting reversed = null;
        while (top != null) {
            Waiting next = top.next;
            top.next = reversed;
            reversed = top;
            top = next;
        }
        return reversed;
    }

    /** Writable, or closed: a closed channel fails the writes and releases their frames, which must not stay queued. */
    private boolean takesMore() {
        return channel.isWritable() || !channel.isActive();
    }

    private static ByteBuf frameOf(Object entry) {
        return entry instanceof Pending p ? p.take() : (ByteBuf) entry;
    }

    private void complete(List<CompletableFuture<Void>> batch, Throwable cause) {
        if (cause == null) {
            batch.forEach(f -> f.complete(null));
        } else {
            Throwable failure = owner.sendFailure(cause);
            batch.forEach(f -> f.completeExceptionally(failure));
        }
    }

    /**
     * The event loop is gone: nothing queued will be written. Here a sending thread takes from the
     * queue while a loop shutting down may still run a drain: both hold the outbox's lock (once per
     * batch, uncontended in normal life), so the taken list has one reader at a time.
     */
    private synchronized void failAll(Throwable cause) {
        Object entry;
        Throwable failure = owner.sendFailure(cause);
        while ((entry = poll()) != null) {
            ByteBuf frame = frameOf(entry);
            QUEUED_BYTES.getAndAdd(this, (long) -frame.readableBytes());
            frame.release();
            if (entry instanceof Pending p) {
                p.completeExceptionally(failure);
            }
        }
    }
}
