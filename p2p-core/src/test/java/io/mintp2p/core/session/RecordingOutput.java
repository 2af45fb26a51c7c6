package io.mintp2p.core.session;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link SessionOutput} that remembers everything a session did. */
final class RecordingOutput implements SessionOutput {
    final List<Message> sent = new ArrayList<>();
    final List<Message> received = new ArrayList<>();
    final List<String> misbehaviour = new ArrayList<>();
    final List<Duration> rtts = new ArrayList<>();
    RemoteHello completed;
    /** The full text of the close reason (what a WillDisconnect would carry), or null. */
    String closedWith;
    CloseReason closedFor;
    /** Where sent messages go, when wired to another session. */
    java.util.function.Consumer<Message> wire = m -> { };
    Runnable onClose = () -> { };

    @Override
    public void send(Message message) {
        sent.add(message);
        wire.accept(message);
    }

    @Override
    public void close(CloseReason reason) {
        closedFor = reason;
        closedWith = reason.message();
        onClose.run();
    }

    @Override
    public void handshakeCompleted(RemoteHello remote) {
        completed = remote;
    }

    @Override
    public void received(Message message) {
        received.add(message);
    }

    @Override
    public void misbehaved(int score, CloseReason reason) {
        misbehaviour.add(score + ":" + reason.code());
    }

    @Override
    public void pingRoundTrip(Duration rtt) {
        rtts.add(rtt);
    }

    @SuppressWarnings("unchecked")
    <T extends Message> List<T> sentOf(Class<T> type) {
        return (List<T>) sent.stream().filter(type::isInstance).toList();
    }
}
