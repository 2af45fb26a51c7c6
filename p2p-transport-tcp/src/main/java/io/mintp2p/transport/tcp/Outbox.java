package io.mintp2p.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Frames handed to one connection by any thread, written by its event loop in batches: one task and
 * one flush per batch, where a {@code writeAndFlush} from another thread costs a task and a flush per
 * frame (BENCHMARKS.md). A send's future completes when the batch it went out in is written: writes
 * complete in order, so the last write of a batch stands for all of them. Frames sent without a
 * future ({@link #addQuietly}) sit in the queue as they are, with no holder and no future.
 */
final class Outbox {
    /** Frames written per event-loop task, so a busy sender cannot hold the loop from reading. */
    static final int MAX_BATCH = 256;

    private record Pending(ByteBuf frame, CompletableFuture<Void> written) {
    }

    private final Channel channel;
    private final Function<Throwable, Throwable> sendFailure;
    /**
     * A linked queue: an idle connection holds one empty node, where JCTools' padded array queues
     * cost 0.5 to 4 KiB a peer (memory.idle_peer). Its real bound is the connection's queued-bytes limit.
     */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Runnable drainTask = this::drainBatch;
    private final Runnable afterDrain;
    /**
     * Written after everything queued when the connection closes: an empty write whose promise
     * completes once all writes before it did. Writes carry a promise only where someone waits on
     * it; a promise per batch (and, over TLS, a listener per promise) was a cost per message when
     * batches are short.
     */
    static final Object WRITTEN_MARK = new Object();

    /**
     * @param sendFailure what a send's future fails with when its batch could not be written
     * @param afterDrain  event loop, after each batch went to the channel (writability may have changed)
     */
    Outbox(Channel channel, Function<Throwable, Throwable> sendFailure, Runnable afterDrain) {
        this.channel = channel;
        this.sendFailure = sendFailure;
        this.afterDrain = afterDrain;
    }

    /** Bytes accepted but not yet handed to the channel. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Any thread: queues a frame (its ownership passes here); the future completes once it is written. */
    CompletableFuture<Void> add(ByteBuf frame) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        queue(new Pending(frame, written), frame);
        return written;
    }

    /** Any thread: queues a frame (its ownership passes here) with nobody to tell when it is written. */
    void addQuietly(ByteBuf frame) {
        queue(frame, frame);
    }

    private void queue(Object entry, ByteBuf frame) {
        queuedBytes.addAndGet(frame.readableBytes());
        queue.add(entry);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException shutDown) {
                failAll(shutDown);
            }
        }
    }

    /** Event loop: writes everything queued, then returns a future that completes once it is all written. */
    ChannelFuture drainAll() {
        while (!queue.isEmpty()) {
            drain();
        }
        return channel.writeAndFlush(WRITTEN_MARK);
    }

    private void drainBatch() {
        drain();
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drainTask);
        }
    }

    /** Event loop: writes up to {@link #MAX_BATCH} frames, all but the last without a promise of their own, and flushes once. */
    private void drain() {
        drainScheduled.set(false);
        List<CompletableFuture<Void>> waiting = null;
        int written = 0;
        Object held = queue.poll();
        while (held != null) {
            ByteBuf frame = frameOf(held);
            queuedBytes.addAndGet(-frame.readableBytes());
            if (held instanceof Pending p) {
                if (waiting == null) {
                    waiting = new ArrayList<>();
                }
                waiting.add(p.written());
            }
            Object next = ++written < MAX_BATCH ? queue.poll() : null;
            if (next == null && waiting != null) {
                List<CompletableFuture<Void>> batch = waiting;
                channel.write(frame).addListener(f -> complete(batch, f.isSuccess() ? null : f.cause()));
            } else {
                channel.write(frame, channel.voidPromise());
            }
            held = next;
        }
        if (written > 0) {
            channel.flush();
            afterDrain.run();
        }
    }

    private static ByteBuf frameOf(Object entry) {
        return entry instanceof Pending p ? p.frame() : (ByteBuf) entry;
    }

    private void complete(List<CompletableFuture<Void>> batch, Throwable cause) {
        if (cause == null) {
            batch.forEach(f -> f.complete(null));
        } else {
            Throwable failure = sendFailure.apply(cause);
            batch.forEach(f -> f.completeExceptionally(failure));
        }
    }

    /** The event loop is gone: nothing queued will be written. */
    private void failAll(Throwable cause) {
        Object entry;
        Throwable failure = sendFailure.apply(cause);
        while ((entry = queue.poll()) != null) {
            ByteBuf frame = frameOf(entry);
            queuedBytes.addAndGet(-frame.readableBytes());
            frame.release();
            if (entry instanceof Pending p) {
                p.written().completeExceptionally(failure);
            }
        }
    }
}
