package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {
    @TempDir
    Path dir;

    @Test
    void aWorldReadableFileOfAnEarlierRunIsReplacedNotRewritten() throws Exception {
        Path old = Files.writeString(dir.resolve(AdminTokenFile.NAME), "old-token-old-token");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        AdminToken token = AdminToken.random();

        Path written = AdminTokenFile.write(dir, token);

        assertThat(written).isEqualTo(old);
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(AdminTokenFile.read(written).value()).isEqualTo(token.value());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(written);
        }
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingItAll() throws Exception {
        Path huge = Files.writeString(dir.resolve("huge"), "x".repeat(1 << 20));
        assertThatThrownBy(() -> AdminTokenFile.read(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> AdminTokenFile.read(dir.resolve("nope"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }
}
