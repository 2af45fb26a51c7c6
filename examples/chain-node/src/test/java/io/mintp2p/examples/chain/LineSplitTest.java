package io.mintp2p.examples.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reference node's lines, split the way docs/example-chain-node.md reports them: chain logic
 * ({@code logic}, which must not touch mintp2p), glue ({@code node}: everything that talks to mintp2p) and
 * the command line ({@code app}). Counts non-blank lines that are not comments, package or import lines.
 * Run alone to print the split: {@code mvn -o -q -f examples/chain-node test -Dtest=LineSplitTest}.
 */
class LineSplitTest {
    private static final Path SOURCES = Path.of("src/main/java/io/mintp2p/examples/chain");

    @Test
    void theChainLogicKnowsNothingOfTheNetworkAndTheSplitIsPrinted() throws IOException {
        for (Path f : files("logic")) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("io.mintp2p.core", "io.mintp2p.transport");
        }
        int logic = lines("logic");
        int glue = lines("node");
        int app = lines("app");
        StringBuilder perFile = new StringBuilder();
        for (Path f : files("node")) {
            perFile.append(perFile.isEmpty() ? "" : ", ").append(f.getFileName()).append(' ').append(lines(List.of(f)));
        }
        System.out.printf("LINES chain logic %d (%d files), glue %d (%s), command line %d%n",
                logic, files("logic").size(), glue, perFile, app);
        assertThat(glue).isPositive();
        assertThat(logic).isPositive();
    }

    private static List<Path> files(String pkg) throws IOException {
        try (Stream<Path> s = Files.list(SOURCES.resolve(pkg))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Code lines of a package's files. */
    static int lines(String pkg) throws IOException {
        return lines(files(pkg));
    }

    /** Code lines: not blank, not in a comment, not package or import. */
    static int lines(List<Path> files) throws IOException {
        int n = 0;
        for (Path f : files) {
            boolean inComment = false;
            for (String raw : Files.readAllLines(f)) {
                String line = raw.strip();
                if (inComment) {
                    inComment = !line.contains("*/");
                    continue;
                }
                if (line.startsWith("/*")) {
                    inComment = !line.contains("*/");
                    continue;
                }
                if (!line.isEmpty() && !line.startsWith("//") && !line.startsWith("package ")
                        && !line.startsWith("import ")) {
                    n++;
                }
            }
        }
        return n;
    }
}
