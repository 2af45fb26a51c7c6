package io.mintp2p.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Small commands that talk to a running node's admin API. */
final class AdminCommands {
    private AdminCommands() {
    }

    /** Options every admin command shares. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--admin", defaultValue = "${env:MINTP2P_ADMIN_URL:-http://127.0.0.1:8080}",
                description = "Admin API of the node (default: ${DEFAULT-VALUE}; env MINTP2P_ADMIN_URL).")
        String admin;

        @Option(names = "--data-dir", defaultValue = RunCommand.DEFAULT_DATA_DIR,
                description = "Data dir of the node, whose admin.token is sent (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--admin-token-file", paramLabel = "FILE",
                description = "File holding the token, when the node was started with --admin-token-file.")
        Path adminTokenFile;

        @Option(names = "--json", description = "Print the raw JSON answer.")
        boolean json;

        @Spec
        CommandSpec spec;

        AdminClient client() {
            return new AdminClient(admin, token());
        }

        /** The token to send: the given file's, else the data dir's; none when the data dir has none. */
        private Optional<AdminToken> token() {
            Path file = adminTokenFile != null ? adminTokenFile : AdminTokenFile.in(dataDir);
            if (adminTokenFile == null && !Files.exists(file)) {
                return Optional.empty(); // GETs on loopback need no token; a POST will say 401
            }
            try {
                return Optional.of(AdminTokenFile.read(file));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(),
                        (adminTokenFile != null ? "--admin-token-file: " : "--data-dir: ") + e.getMessage());
            }
        }

        int print(JsonNode answer, Runnable table) throws Exception {
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(answer));
            } else {
                table.run();
            }
            return 0;
        }
    }

    @Command(name = "peers", mixinStandardHelpOptions = true, description = "Lists the node's peers.",
            footer = {"", "Example:", "  peers --admin http://127.0.0.1:8080 --data-dir ./n1"})
    static final class Peers extends Base {
        @Override
        public Integer call() throws Exception {
            JsonNode peers = client().get("peers");
            return print(peers, () -> {
                System.out.printf("%-9s %-9s %-32s %-8s %-10s %s%n", "ID", "DIR", "ADDRESS", "VERSION", "RTT(ms)", "AGENT");
                for (JsonNode p : peers) {
                    System.out.printf("%-9s %-9s %-32s %-8s %-10s %s%n", p.get("id").asText(),
                            p.get("direction").asText(), p.get("address").asText(), p.get("protocolVersion").asText(),
                            p.get("lastPingRttMillis").isNull() ? "-" : String.format("%.1f", p.get("lastPingRttMillis").asDouble()),
                            p.get("userAgent").asText());
                }
            });
        }
    }

    @Command(name = "connect", mixinStandardHelpOptions = true, description = "Asks the node to dial an address.",
            footer = {"", "Example:", "  connect --admin http://127.0.0.1:8080 --data-dir ./n1 tcp://127.0.0.1:23032"})
    static final class Connect extends Base {
        @Parameters(paramLabel = "ADDRESS", description = "e.g. tcp://127.0.0.1:23032")
        String address;

        @Override
        public Integer call() throws Exception {
            JsonNode r = client().post("connect", Map.of("address", address));
            return print(r, () -> System.out.println("connected: " + r.get("peer").get("id").asText() + " "
                    + r.get("peer").get("address").asText()));
        }
    }

    @Command(name = "disconnect", mixinStandardHelpOptions = true, description = "Disconnects a peer.",
            footer = {"", "Example:", "  disconnect --admin http://127.0.0.1:8080 --data-dir ./n1 peer-3"})
    static final class Disconnect extends Base {
        @Parameters(paramLabel = "PEER", description = "peer id as listed by 'peers', e.g. peer-3")
        String peer;

        @Override
        public Integer call() throws Exception {
            JsonNode r = client().post("disconnect", Map.of("peer", peer));
            return print(r, () -> System.out.println("disconnected " + peer));
        }
    }

    @Command(name = "ban", mixinStandardHelpOptions = true, description = "Bans an IP address.",
            footer = {"", "Example:", "  ban --admin http://127.0.0.1:8080 --data-dir ./n1 --duration 2h 192.0.2.7"})
    static final class Ban extends Base {
        @Parameters(paramLabel = "IP")
        String address;

        @Option(names = "--duration", defaultValue = "24h", description = "How long (default: ${DEFAULT-VALUE}).")
        String duration;

        @Override
        public Integer call() throws Exception {
            JsonNode r = client().post("ban", Map.of("address", address, "duration", duration));
            return print(r, () -> System.out.println("banned " + address + " until " + r.get("until").asText()));
        }
    }

    @Command(name = "unpin", mixinStandardHelpOptions = true,
            description = "Lifts the identity pinned at first use for an address whose key changed on purpose.",
            footer = {"", "Example:", "  unpin --admin http://127.0.0.1:8080 --data-dir ./n1 tls://192.0.2.7:13031"})
    static final class Unpin extends Base {
        @Parameters(paramLabel = "ADDRESS", description = "scheme://host:port as listed by GET /pins")
        String address;

        @Override
        public Integer call() throws Exception {
            JsonNode r = client().post("unpin", Map.of("address", address));
            return print(r, () -> System.out.println("unpinned " + r.get("unpinned").asText()));
        }
    }

    @Command(name = "broadcast", mixinStandardHelpOptions = true, description = "Gossips a text to the whole network.",
            footer = {"", "Example:", "  broadcast --admin http://127.0.0.1:8080 --data-dir ./n1 \"hello everyone\""})
    static final class Broadcast extends Base {
        @Parameters(paramLabel = "TEXT")
        String payload;

        @Override
        public Integer call() throws Exception {
            JsonNode r = client().post("broadcast", Map.of("payload", payload));
            return print(r, () -> System.out.println("message " + r.get("id").asText() + " sent to "
                    + r.get("sentTo").asText() + " peers"));
        }
    }
}
