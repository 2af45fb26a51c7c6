package io.mintp2p.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request written by hand on a socket, so a test can send what a browser or an
 * attacker sends: any {@code Host}, any {@code Origin}, a lying {@code Content-Length}, a chunked
 * body. {@code java.net.http} refuses to set some of these.
 */
final class RawHttp {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private boolean chunked;

    record Response(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private RawHttp(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static RawHttp get(String path) {
        return new RawHttp("GET", path);
    }

    static RawHttp post(String path) {
        return new RawHttp("POST", path);
    }

    /** Sets a header; a null value removes it. */
    RawHttp header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    RawHttp body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Sends the body as one chunk, with no Content-Length, as a streaming client does. */
    RawHttp chunked() {
        this.chunked = true;
        return this;
    }

    /**
     * Sends headers and body, and reads the answer by its Content-Length (so an answer given before
     * the whole body was read is still read).
     */
    Response send(InetSocketAddress to) throws IOException {
        try (Socket socket = new Socket(to.getAddress(), to.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> all = new LinkedHashMap<>(headers);
            if (method.equals("POST")) {
                if (chunked) {
                    all.put("Transfer-Encoding", "chunked");
                } else {
                    all.putIfAbsent("Content-Length", String.valueOf(body.length));
                }
            }
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (body.length > 0) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed in the middle of the answer");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
