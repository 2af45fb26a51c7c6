package io.mintp2p.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The network shaper's helper image of {@link Images#shaperImage()}: {@code nfq-delay} compiled
 * here, the host's iptables, tc and ip and their shared libraries, in a {@code FROM scratch} image.
 * Tagged by a hash of the C source and the tools, and built only when that tag is missing. Runs on
 * the caller's thread; blocks while gcc and Docker work.
 */
final class ShaperImage {
    /** Where the helper image keeps its tools. */
    static final String XTABLES = "/usr/sbin/xtables-nft-multi";
    static final String NFQ_DELAY = "/usr/local/bin/nfq-delay";
    private static final String XTABLES_MODULES = "/usr/lib/x86_64-linux-gnu/xtables";

    private ShaperImage() {
    }

    /** The helper image's tag, built first if the engine lacks it. */
    static String tag() {
        try {
            byte[] source;
            try (InputStream in = Images.class.getResourceAsStream("nfq-delay.c")) {
                if (in == null) {
                    throw new IllegalStateException("nfq-delay.c is missing from the classpath");
                }
                source = in.readAllBytes();
            }
            List<Path> tools = new ArrayList<>();
            for (String t : List.of("/usr/sbin/tc", "/usr/bin/ip", "/sbin/ip")) {
                if (Files.isExecutable(Path.of(t)) && tools.stream().noneMatch(p -> p.getFileName().toString()
                        .equals(Path.of(t).getFileName().toString()))) {
                    tools.add(Path.of(t));
                }
            }
            Path xtables = Path.of(XTABLES);
            if (!Files.isExecutable(xtables) || tools.size() < 2) {
                throw new IllegalStateException("the network shaper needs iptables (nf_tables flavour, " + XTABLES
                        + "), tc and ip on this machine: apt-get install iptables iproute2");
            }
            StringBuilder inputs = new StringBuilder(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(source)));
            for (Path t : concat(tools, xtables)) {
                inputs.append(',').append(t).append(':').append(Files.size(t.toRealPath()));
            }
            String tag = "mintp2p/shaper:" + ContentHash.hash(inputs.toString(), String.valueOf(ContentHash.RECIPE_VERSION));
            if (DockerImages.exists(tag)) {
                return tag;
            }
            Path context = Files.createTempDirectory("mintp2p-shaper");
            Path rootfs = context.resolve("rootfs");
            Path src = context.resolve("nfq-delay.c");
            Files.write(src, source);
            Path bin = rootfs.resolve(NFQ_DELAY.substring(1));
            Files.createDirectories(bin.getParent());
            try {
                HostCommands.run("gcc", "-O2", "-Wall", "-static", "-o", bin.toString(), src.toString());
            } catch (IOException e) {
                throw new IllegalStateException("cannot compile nfq-delay (needs gcc and libc6-dev): " + e.getMessage(), e);
            }
            Set<Path> files = new LinkedHashSet<>();
            files.add(xtables);
            files.addAll(HostCommands.sharedLibraries(xtables, null));
            for (Path t : tools) {
                files.add(t);
                files.addAll(HostCommands.sharedLibraries(t, null));
            }
            try (Stream<Path> modules = Files.list(Path.of(XTABLES_MODULES))) {
                for (Path so : modules.filter(p -> p.toString().endsWith(".so")).toList()) {
                    files.add(so);
                    files.addAll(HostCommands.sharedLibraries(so, null));
                }
            }
            files.add(Path.of("/lib64/ld-linux-x86-64.so.2"));
            for (String etc : List.of("/etc/protocols", "/etc/ethertypes")) {
                if (Files.exists(Path.of(etc))) {
                    files.add(Path.of(etc));
                }
            }
            for (Path f : files) {
                Path target = rootfs.resolve(f.toString().substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(f.toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.createDirectories(rootfs.resolve("run"));
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\n");
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n"
                    + "ENTRYPOINT [\"" + NFQ_DELAY + "\"]\nCMD [\"-i\"]\n");
            DockerImages.build(tag, new ImageFromDockerfile(tag, false).withFileFromPath(".", context));
            return tag;
        } catch (IOException | InterruptedException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the network shaper image: " + e.getMessage(), e);
        }
    }

    private static List<Path> concat(List<Path> list, Path one) {
        List<Path> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }
}
