package io.mintp2p.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;

/**
 * The Swarm test's eyes inside the overlay: a program (not a test) that {@link SwarmTestnet} copies
 * into a helper container on the stack's attachable network, since the replicas' admin APIs are
 * published nowhere else. Every round it resolves the service's {@code tasks.<service>} name, asks each
 * address's {@code /peers} with the stack's admin token and prints one JSON line,
 * {@code {"nodes":{"<ip>":<peers>|null}}}, null for a replica that did not answer.
 *
 * <p>Runs on its main thread, blocking, until the container is removed. It uses only the JDK (the
 * node image's runtime has no other library) and is one class file, so that file is all the helper
 * needs.
 */
public final class SwarmProbe {
    private SwarmProbe() {
    }

    /**
     * Arguments: the DNS name ({@code tasks.node}), the admin port, the pause between rounds in
     * milliseconds, the file holding the admin token. Never returns.
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        long pauseMillis = Long.parseLong(args[2]);
        String token = Files.readString(Path.of(args[3])).strip();
        // Replicas come and go: every round must see the DNS answer of that moment.
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            System.out.println(round(http, name, port, token));
            System.out.flush();
            Thread.sleep(pauseMillis);
        }
    }

    private static String round(HttpClient http, String name, int port, String token) throws InterruptedException {
        InetAddress[] replicas;
        try {
            replicas = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            replicas = new InetAddress[0]; // no replica running yet, or all gone
        }
        StringBuilder line = new StringBuilder("{\"nodes\":{");
        for (int i = 0; i < replicas.length; i++) {
            String ip = replicas[i].getHostAddress();
            line.append(i == 0 ? "" : ",").append('"').append(ip).append("\":").append(peers(http, ip, port, token));
        }
        return line.append("}}").toString();
    }

    private static String peers(HttpClient http, String ip, int port, String token) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/peers"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // The node pretty-prints; JSON strings hold no raw line breaks, so joining the lines keeps the value.
            String body = response.body().replace('\r', ' ').replace('\n', ' ').strip();
            return response.statusCode() == 200 && body.startsWith("[") ? body : "null";
        } catch (IOException e) {
            return "null"; // not listening yet, or gone
        }
    }
}
