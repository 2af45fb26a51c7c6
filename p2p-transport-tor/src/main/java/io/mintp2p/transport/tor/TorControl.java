package io.mintp2p.transport.tor;

import io.mintp2p.core.transport.TransportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.freehaven.tor.control.NullEventHandler;
import net.freehaven.tor.control.TorControlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection to tor's control port (jtorctl underneath). Onion services added
 * here live as long as this connection (no {@code Detach}), so a crashed node leaves none behind.
 */
final class TorControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TorControl.class);
    private static final Pattern PROGRESS = Pattern.compile("PROGRESS=(\\d+).*?SUMMARY=\"([^\"]*)\"");

    private final Socket socket;
    private final TorControlConnection conn;
    /** Descriptor uploads by service id, tracked only while publishing (HS_DESC also reports every fetch). */
    private final Map<String, Uploads> uploads = new ConcurrentHashMap<>();
    private volatile boolean publishing;
    private volatile boolean closing;

    private TorControl(Socket socket, TorControlConnection conn) {
        this.socket = socket;
        this.conn = conn;
    }

    static TorControl open(InetSocketAddress endpoint, Optional<String> password, Duration timeout) {
        Socket socket = new Socket();
        try {
            socket.connect(endpoint, (int) timeout.toMillis());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TransportException("cannot reach tor's control port at " + endpoint.getHostString() + ":"
                    + endpoint.getPort() + " (" + e.getMessage() + "); is tor running with ControlPort "
                    + endpoint.getPort() + "? (we do not start tor: see --tor-control)", e);
        }
        try {
            // PROTOCOLINFO (once, before authenticating) names the methods and the cookie file. Bounded:
            // something else than tor may be listening there.
            socket.setSoTimeout((int) timeout.toMillis());
            String info = protocolInfo(socket);
            socket.setSoTimeout(0);
            TorControlConnection conn = new TorControlConnection(socket);
            TorControl control = new TorControl(socket, conn);
            conn.setEventHandler(control.events());
            conn.launchThread(true);
            conn.authenticate(control.credentials(info, password, endpoint));
            conn.setEvents(List.of("HS_DESC"));
            return control;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e instanceof TransportException t ? t
                    : new TransportException("tor control at " + endpoint + " refused us: " + e.getMessage(), e);
        }
    }

    private static String protocolInfo(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("PROTOCOLINFO 1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Tor sends nothing unasked before authentication, so reading up to "250 OK" takes no later byte.
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), 1);
        StringBuilder reply = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(line).append('\n');
            if (line.length() >= 4 && line.charAt(3) == ' ') {
                break;
            }
        }
        return reply.toString();
    }

    private byte[] credentials(String info, Optional<String> password, InetSocketAddress endpoint) throws IOException {
        if (password.isPresent()) {
            return password.get().getBytes(StandardCharsets.UTF_8);
        }
        Matcher cookie = Pattern.compile("COOKIEFILE=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(info);
        if (info.contains("METHODS=NULL")) {
            return new byte[0];
        }
        if (cookie.find() && info.matches("(?s).*METHODS=[A-Z,]*\\bCOOKIE\\b.*")) {
            Path file = Path.of(cookie.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new TransportException("cannot read tor's control cookie " + file + " (" + e.getMessage()
                        + "); run the node where it can read it, or give --tor-control-password", e);
            }
        }
        throw new TransportException("tor control at " + endpoint + " wants a password (HashedControlPassword): "
                + "give --tor-control-password");
    }

    /** Waits until tor has a consensus and circuits ("Bootstrapped 100%"). */
    void awaitBootstrapped(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String phase = conn.getInfo("status/bootstrap-phase");
        while (!phase.contains("PROGRESS=100")) {
            if (System.nanoTime() > deadline) {
                Matcher m = PROGRESS.matcher(phase);
                throw new TransportException("tor is not bootstrapped after " + timeout.toSeconds() + " s"
                        + (m.find() ? " (" + m.group(1) + "%: " + m.group(2) + ")" : ": " + phase)
                        + "; check that it reaches the Tor network");
            }
            Thread.sleep(250);
            phase = conn.getInfo("status/bootstrap-phase");
        }
    }

    /**
     * An onion service forwarding {@code virtualPort} to {@code target}. {@code keySpec} is
     * {@code NEW:ED25519-V3} or {@code ED25519-V3:<base64>}; the reply holds {@code onionAddress} (the
     * service id) and, for a new key that is not discarded, {@code onionPrivKey}.
     */
    Map<String, String> addOnion(String keySpec, boolean discardKey, int virtualPort, InetSocketAddress target)
            throws IOException {
        String host = target.getAddress().getHostAddress();
        String forward = (host.contains(":") ? "[" + host + "]" : host) + ":" + target.getPort();
        publishing = true;
        return conn.addOnion(keySpec, Map.of(virtualPort, forward), discardKey ? List.of("DiscardPK") : List.of());
    }

    /**
     * Waits until tor uploaded the service's descriptors to every HSDir it chose (a client asks one
     * of them, so one upload is not enough), or at least to one when {@code timeout} ends.
     */
    void awaitUploaded(String serviceId, Duration timeout) throws InterruptedException {
        Uploads u = uploads.computeIfAbsent(serviceId, k -> new Uploads());
        boolean done = u.allDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        publishing = false;
        uploads.clear();
        if (!done) {
            if (u.uploaded.get() == 0) {
                throw new TransportException("tor did not publish onion " + serviceId + ".onion within "
                        + timeout.toSeconds() + " s (no HS_DESC UPLOADED event); see tor's log");
            }
            log.warn("onion {}: {} of {} descriptor uploads done after {} s", serviceId, u.uploaded.get(),
                    u.requested.get(), timeout.toSeconds());
        }
    }

    /** HS_DESC UPLOAD events are all sent before any UPLOADED, so the counts meet only at the end. */
    private static final class Uploads {
        final AtomicInteger requested = new AtomicInteger();
        final AtomicInteger uploaded = new AtomicInteger();
        final CountDownLatch allDone = new CountDownLatch(1);

        void event(String action) {
            if (action.equals("UPLOAD")) {
                requested.incrementAndGet();
            } else if (action.equals("UPLOADED") && uploaded.incrementAndGet() >= requested.get()) {
                allDone.countDown();
            }
        }
    }

    void delOnion(String serviceId) {
        try {
            conn.delOnion(serviceId);
        } catch (IOException e) {
            log.debug("DEL_ONION {}: {}", serviceId, e.getMessage());
        }
    }

    private NullEventHandler events() {
        return new NullEventHandler() {
            @Override
            public void unrecognized(String type, String msg) {
                // "HS_DESC <action> <service id> <auth> <hsdir> ..."
                String[] f = msg.split(" ");
                if (type.equals("HS_DESC") && f.length > 1 && publishing) {
                    uploads.computeIfAbsent(f[1], k -> new Uploads()).event(f[0]);
                }
            }

            @Override
            public void controlConnectionClosed() {
                if (closing) {
                    return;
                }
                log.warn("tor's control connection closed: our onion service is gone until restart");
            }
        };
    }

    @Override
    public void close() {
        closing = true;
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
