package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * testnet/k8s validated offline by its own script, testnet/k8s/validate.sh (kubectl kustomize, then the
 * objects against the Kubernetes API types and the testnet's rules); and the same script refusing a
 * copy whose Service is no longer headless, so a validator that passes everything fails here. Skipped
 * where kubectl or python3-kubernetes is missing, except on CI (CI=true), whose .ci/run installs them.
 */
class KubernetesManifestsTest {
    static final int TOOLS_MISSING = 3;

    @Test
    void theManifestsAreValid() throws Exception {
        Result r = validate(k8sDir());
        assertThat(r.exit()).as("validate.sh said:\n%s", r.output()).isZero();
        assertThat(r.output()).contains("StatefulSet/mintp2p-node: ok", "Service/mintp2p-node: ok", "testnet/k8s: valid");
    }

    @Test
    void aServiceThatIsNotHeadlessIsRefused() throws Exception {
        Path copy = Files.createTempDirectory("mintp2p-k8s");
        try {
            try (Stream<Path> files = Files.list(k8sDir())) {
                for (Path f : files.filter(f -> !f.getFileName().toString().equals("admin.token")).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            Path service = copy.resolve("service.yaml");
            String headless = Files.readString(service);
            assertThat(headless).contains("  clusterIP: None\n");
            Files.writeString(service, headless.replace("  clusterIP: None\n", ""));
            Result r = validate(copy);
            assertThat(r.exit()).as("validate.sh said:\n%s", r.output()).isEqualTo(1);
            assertThat(r.output()).contains("must be headless");
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Path k8sDir() {
        return LocalTestnetComposeTest.testnetDir().resolve("k8s");
    }

    private record Result(int exit, String output) {
    }

    /** Runs dir/validate.sh; skips (or fails on CI) when it reports its tools missing. */
    private static Result validate(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("bash", dir.resolve("validate.sh").toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("validate.sh did not finish in 2 minutes:\n" + out);
        }
        if (p.exitValue() == TOOLS_MISSING) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but validate.sh lacks its tools (.ci/run installs them): " + out);
            }
            Assumptions.abort(out.strip());
        }
        return new Result(p.exitValue(), out);
    }
}
