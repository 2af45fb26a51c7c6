package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an image is made of, without Docker: its Dockerfile and the content hash that decides a rebuild. */
class ImagesBuilderTest {
    @TempDir
    Path dir;

    private Images.Builder builder(Path jar) {
        return Images.builder().baseImage("eclipse-temurin:17-jre", "java").jar(jar);
    }

    @Test
    void aMainClassMakesAClassPathEntrypointWithTheJvmOptions() throws Exception {
        Path jar = Files.write(dir.resolve("node.jar"), new byte[] {1, 2, 3});
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.write(classes.resolve("Main.class"), new byte[] {4});
        String dockerfile = builder(jar).classes(classes).mainClass("mychain.Main").jvmOptions("-Xmx256m")
                .defaultArgs("--help").dockerfile("abc", List.of("/app/cp/0-node.jar", "/app/cp/1-classes"));

        assertThat(dockerfile).startsWith("FROM eclipse-temurin:17-jre\n")
                .contains("LABEL " + Images.CONTENT_LABEL + "=\"abc\"")
                .contains("ENTRYPOINT [\"java\", \"-Xmx256m\", \"-cp\", \"/app/cp/0-node.jar:/app/cp/1-classes\", \"mychain.Main\"]")
                .contains("CMD [\"--help\"]");
    }

    @Test
    void oneJarWithoutAMainClassRunsWithDashJar() throws Exception {
        Path jar = Files.write(dir.resolve("node.jar"), new byte[] {1});
        assertThat(builder(jar).dockerfile("h", List.of("/app/cp/0-node.jar")))
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/cp/0-node.jar\"]").doesNotContain("CMD");
        Path other = Files.write(dir.resolve("lib.jar"), new byte[] {2});
        assertThatThrownBy(() -> builder(jar).jar(other).dockerfile("h", List.of("a", "b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mainClass");
    }

    @Test
    void theHashFollowsTheBytesAndTheRecipeNotTheFileTimes() throws Exception {
        Path jar = Files.write(dir.resolve("node.jar"), new byte[] {1, 2, 3});
        String first = builder(jar).mainClass("a.Main").contentHash();

        assertThat(builder(jar).mainClass("a.Main").contentHash()).isEqualTo(first);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(builder(jar).mainClass("a.Main").contentHash()).isEqualTo(first);
        assertThat(builder(jar).mainClass("b.Main").contentHash()).isNotEqualTo(first);
        assertThat(builder(jar).mainClass("a.Main").jvmOptions("-Xmx1g").contentHash()).isNotEqualTo(first);
        Files.write(jar, new byte[] {1, 2, 4});
        assertThat(builder(jar).mainClass("a.Main").contentHash()).isNotEqualTo(first);
    }

    @Test
    void aTagIsRequiredAndMustBeOneDockerAccepts() throws Exception {
        Path jar = Files.write(dir.resolve("node.jar"), new byte[] {1});
        assertThatThrownBy(() -> builder(jar).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> builder(jar).tag("MyChain/Node:dev")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder(jar).tag("mychain/node:dev version")).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder(jar).tag("mychain/node:dev")).isNotNull();
        assertThatThrownBy(() -> Images.builder().jar(dir.resolve("missing.jar"))).isInstanceOf(IllegalArgumentException.class);
    }
}
