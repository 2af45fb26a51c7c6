package io.mintp2p.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tools of the machine running the tests that the {@code FROM scratch} images are made with:
 * running a command (jlink, gcc) and asking {@code ldd} which shared libraries a binary needs, so
 * that they can be copied into the image. Runs on the caller's thread; each call blocks until the
 * command has exited.
 */
final class HostCommands {
    private static final Pattern LDD_LINE = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private HostCommands() {
    }

    /** What ldd lists for {@code binary}, but for libraries of its own runtime (under its grandparent directory). */
    static List<Path> sharedLibraries(Path binary) throws IOException, InterruptedException {
        return sharedLibraries(binary, binary.getParent().getParent());
    }

    /** What ldd lists for {@code binary}, but for libraries under {@code own} (null: keep all). */
    static List<Path> sharedLibraries(Path binary, Path own) throws IOException, InterruptedException {
        String out = run("ldd", binary.toString());
        List<Path> libs = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = LDD_LINE.matcher(line);
            if (m.find()) {
                Path p = Path.of(m.group(1));
                if (own == null || !p.startsWith(own)) {
                    libs.add(p);
                }
            }
        }
        return libs;
    }

    /** Runs {@code command} and returns its output (stdout and stderr); fails unless it exits 0 (ldd may not: a static binary). */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || (p.exitValue() != 0 && !command[0].equals("ldd"))) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
