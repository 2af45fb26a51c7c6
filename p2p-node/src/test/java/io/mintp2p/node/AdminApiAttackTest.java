package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.mintp2p.core.node.P2pConfig;
import io.mintp2p.core.transport.TransportAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * What a web page, a DNS-rebinding page or a careless script can do to a node's admin API: a real
 * node, real HTTP on 127.0.0.1, requests written by hand. Every test bans an address of its own
 * and looks it up in {@code GET /bans}, so the tests do not depend on one another.
 */
class AdminApiAttackTest {
    private static final AdminToken TOKEN = AdminToken.random();
    private static NodeRuntime node;
    private static InetSocketAddress admin;

    @BeforeAll
    static void startNode() throws Exception {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.of("tcp", "127.0.0.1", 0)).build();
        node = NodeRuntime.start(config, Optional.of(new AdminBinding(new InetSocketAddress("127.0.0.1", 0), TOKEN)));
        admin = node.adminAddress().orElseThrow();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static String self() {
        return "127.0.0.1:" + admin.getPort();
    }

    /** A ban that passes every check; each test breaks one thing. */
    private static RawHttp ban(String ip) {
        return RawHttp.post("/ban").header("Host", self()).header("Authorization", "Bearer " + TOKEN.value())
                .header("Content-Type", "application/json").body("{\"address\": \"" + ip + "\", \"duration\": \"1h\"}");
    }

    private static boolean banned(String ip) throws Exception {
        RawHttp.Response r = RawHttp.get("/bans").header("Host", self()).send(admin);
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode b : Json.MAPPER.readTree(r.body())) {
            if (b.get("address").asText().equals(ip)) {
                return true;
            }
        }
        return false;
    }

    private static void assertError(RawHttp.Response r, int status) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).contains("application/json");
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
    }

    @Test
    void theCompleteRequestIsAnswered200AndApplied() throws Exception {
        RawHttp.Response r = ban("192.0.2.1").send(admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(banned("192.0.2.1")).isTrue();
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @NullSource
    @ValueSource(strings = {"Bearer wrong-token-wrong-token-wrong", "Basic YWRtaW46YWRtaW4=", "Bearer", "TOKEN"})
    void aPostWithoutTheTokenIs401AndChangesNothing(String authorization) throws Exception {
        String header = "TOKEN".equals(authorization) ? TOKEN.value() : authorization; // the token without "Bearer "
        RawHttp.Response r = ban("192.0.2.2").header("Authorization", header).send(admin);
        assertError(r, 401);
        assertThat(r.header("WWW-Authenticate")).contains("Bearer");
        assertThat(r.body()).doesNotContain(TOKEN.value());
        assertThat(banned("192.0.2.2")).isFalse();
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @NullSource
    @ValueSource(strings = {"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/jsonp"})
    void aPostThatIsNotJsonIs415EvenWithTheToken(String contentType) throws Exception {
        // The body is valid JSON: a cross-site form can send exactly this as text/plain.
        RawHttp.Response r = ban("192.0.2.3").header("Content-Type", contentType).send(admin);
        assertError(r, 415);
        assertThat(banned("192.0.2.3")).isFalse();
    }

    @Test
    void jsonWithACharsetParameterIsJson() throws Exception {
        RawHttp.Response r = ban("192.0.2.4").header("Content-Type", "Application/JSON; charset=utf-8").send(admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(banned("192.0.2.4")).isTrue();
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"evil.example", "evil.example:PORT", "127.0.0.1.evil.example:PORT", "localhost:1",
        "127.0.0.1:1", "10.1.2.3:PORT", "[::2]:PORT", "user@127.0.0.1:PORT", "", "NONE"})
    void aForeignHostIs403EvenWithTheToken(String host) throws Exception {
        String value = host.equals("NONE") ? null : host.replace("PORT", String.valueOf(admin.getPort()));
        RawHttp.Response r = ban("192.0.2.5").header("Host", value).send(admin);
        assertError(r, 403);
        assertThat(banned("192.0.2.5")).isFalse();
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {"http://evil.example", "http://evil.example:PORT", "null", "https://127.0.0.1:PORT",
        "http://localhost:1", "http://localhost:PORT/path", "file://", "not a url"})
    void aForeignOriginIs403EvenWithTheToken(String origin) throws Exception {
        RawHttp.Response r = ban("192.0.2.6").header("Origin", origin.replace("PORT", String.valueOf(admin.getPort())))
                .send(admin);
        assertError(r, 403);
        assertThat(banned("192.0.2.6")).isFalse();
    }

    @ParameterizedTest(name = "Host: {0}, Origin: {1}")
    @CsvSource({"127.0.0.1:PORT,http://127.0.0.1:PORT,192.0.2.11", "localhost:PORT,http://localhost:PORT,192.0.2.12",
        "[::1]:PORT,http://[::1]:PORT,192.0.2.13", "LOCALHOST:PORT,,192.0.2.14"})
    void theNodesOwnNamesAreAccepted(String host, String origin, String ip) throws Exception {
        String port = String.valueOf(admin.getPort());
        RawHttp.Response r = ban(ip).header("Host", host.replace("PORT", port))
                .header("Origin", origin == null ? null : origin.replace("PORT", port)).send(admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(banned(ip)).isTrue();
    }

    @Test
    void aBodyAnnouncedLargerThanTheLimitIs413BeforeItIsRead() throws Exception {
        // Only the headers are sent: the node must answer without waiting for (or buffering) the megabyte.
        RawHttp.Response r = ban("192.0.2.7").header("Content-Length", String.valueOf(1 << 20)).body("").send(admin);
        assertError(r, 413);
        assertThat(banned("192.0.2.7")).isFalse();
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIs413() throws Exception {
        String big = "{\"address\": \"192.0.2.8\", \"duration\": \"1h\"" + " ".repeat(AdminRequestGuard.MAX_BODY_BYTES) + "}";
        RawHttp.Response r = ban("192.0.2.8").body(big).chunked().send(admin);
        assertError(r, 413);
        assertThat(banned("192.0.2.8")).isFalse();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        String json = "{\"address\": \"192.0.2.9\", \"duration\": \"1h\"}";
        String padded = json.substring(0, json.length() - 1)
                + " ".repeat(AdminRequestGuard.MAX_BODY_BYTES - json.length()) + "}";
        assertThat(padded).hasSize(AdminRequestGuard.MAX_BODY_BYTES);
        RawHttp.Response r = ban("192.0.2.9").body(padded).chunked().send(admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(banned("192.0.2.9")).isTrue();
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/health", "/metrics", "/peers", "/addresses", "/bans", "/messages"})
    void getsOnLoopbackNeedNoTokenButDoNeedOurHost(String path) throws Exception {
        assertThat(RawHttp.get(path).header("Host", self()).send(admin).status()).isEqualTo(200);
        assertError(RawHttp.get(path).header("Host", "evil.example:" + admin.getPort()).send(admin), 403);
    }

    @Test
    void refusedRequestsAreLoggedAtDebugInOneLineEach() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AdminServer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level before = logger.getLevel();
        logger.addAppender(events);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // keep the console of the build quiet
        try {
            ban("192.0.2.10").header("Authorization", null).send(admin);
            ban("192.0.2.10").header("Host", "evil.example").send(admin);
            ban("192.0.2.10").header("Content-Type", "text/plain").send(admin);
            ban("192.0.2.10").body("{not json").send(admin);
        } finally {
            logger.detachAppender(events);
            logger.setLevel(before);
            logger.setAdditive(true);
        }
        assertThat(events.list).hasSize(4).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getThrowableProxy()).isNull();
        });
        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains(TOKEN.value()));
    }
}
