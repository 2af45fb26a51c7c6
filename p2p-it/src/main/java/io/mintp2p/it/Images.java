package io.mintp2p.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Node images built without a registry: a JRE base made from the local JDK with jlink and copied
 * into a {@code FROM scratch} image, then the node's class path on top. A user's node:
 * <pre>{@code
 * String image = Images.builder().jar(Path.of("target/mychain-node.jar")).mainClass("mychain.Main")
 *         .jvmOptions("-Xmx256m").tag("mychain/node:dev").build();
 * }</pre>
 * The image gets the tag the user picks and a label {@value #CONTENT_LABEL} with a hash of everything
 * it was made from (base image, java command, JVM options, main class, arguments, and the bytes of
 * every class path file); when the tag already holds an image with the same hash nothing is built.
 * The stock node ({@link #nodeImage()}) is a preset of this, tagged {@code mintp2p/node:<hash>} so that
 * builds of different checkouts sharing one Docker engine do not take each other's tag. A user with a
 * registry can pass any JRE image as the base instead ({@code -Dmintp2p.baseImage=eclipse-temurin:17-jre},
 * or {@link Builder#baseImage}). Every method runs on the caller's thread and blocks while it builds.
 */
public final class Images {
    private static final Logger log = LoggerFactory.getLogger(Images.class);
    /** Where the jlinked runtime lives in the base image. */
    public static final String JAVA = "/opt/jre/bin/java";
    /** The image label holding the hash of what the image was made from. */
    public static final String CONTENT_LABEL = "io.mintp2p.it.content-hash";
    /** Where the class path entries go in the image. */
    static final String APP_DIR = "/app/";
    /** The stock node's JVM: small heap, quick start, no DNS caching (containers come and go). */
    static final List<String> STOCK_JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0", "-Djava.io.tmpdir=/tmp");
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.net.http", "java.sql", "java.xml", "jdk.httpserver", "jdk.crypto.ec", "jdk.unsupported",
            "jdk.naming.dns", "java.security.jgss");
    private static final int RECIPE_VERSION = 1;

    private Images() {
    }

    /** A builder of a node image from a jar or class path; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The stock node image for the jar built by this project (system property mintp2p.nodeJar, else the default path). */
    public static String nodeImage() {
        String jar = System.getProperty("mintp2p.nodeJar", "../p2p-node/target/p2p-node.jar");
        String base = System.getProperty("mintp2p.baseImage");
        return nodeImage(Path.of(jar), base != null ? base : jreBaseImage(), base != null ? "java" : JAVA);
    }

    /** The stock node image for {@code nodeJar} on {@code baseImage}, whose java is {@code javaCommand}. */
    public static String nodeImage(Path nodeJar, String baseImage, String javaCommand) {
        if (!Files.isRegularFile(nodeJar)) {
            throw new IllegalStateException("no node jar at " + nodeJar.toAbsolutePath()
                    + ": build it first (mvn -DskipTests package)");
        }
        Builder b = builder().baseImage(baseImage, javaCommand).jar(nodeJar)
                .jvmOptions(STOCK_JVM_OPTIONS.toArray(String[]::new)).defaultArgs("run");
        return b.tag("mintp2p/node:" + b.contentHash()).build();
    }

    /**
     * What a node image is made of. The class path is the jars and class directories given, in order;
     * with {@link #mainClass} the entrypoint is {@code java <jvm options> -cp <class path> <main class>},
     * without it the one jar's manifest names the main class ({@code java -jar}). Not thread-safe: one
     * test configures it.
     */
    public static final class Builder {
        private final List<Path> classPath = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> defaultArgs = new ArrayList<>();
        private String mainClass;
        private String tag;
        private String baseImage;
        private String javaCommand;

        private Builder() {
        }

        /** Adds a jar to the class path. Configuration; does not block. */
        public Builder jar(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no jar at " + jar.toAbsolutePath());
            }
            classPath.add(jar);
            return this;
        }

        /** Adds a directory of classes (a package tree, as target/classes) to the class path. Configuration; does not block. */
        public Builder classes(Path directory) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("no directory at " + directory.toAbsolutePath());
            }
            classPath.add(directory);
            return this;
        }

        /** Adds every {@code *.jar} in {@code directory} (as target/lib of a dependency copy), by name. Reads the directory; blocks. */
        public Builder jarsIn(Path directory) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(this::jar);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + directory.toAbsolutePath() + ": " + e, e);
            }
            return this;
        }

        /** The class whose main method starts the node; without it, the only jar must name one in its manifest. */
        public Builder mainClass(String mainClass) {
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
            return this;
        }

        /** Options for the JVM, before the class path (e.g. {@code -Xmx256m}, {@code -Dkey=value}). Configuration. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** The arguments when a container gives no command line (the image's CMD). Configuration. */
        public Builder defaultArgs(String... args) {
            defaultArgs.addAll(List.of(args));
            return this;
        }

        /** The image's tag ({@code name:version}, e.g. {@code mychain/node:dev}); required. Configuration. */
        public Builder tag(String tag) {
            if (!tag.matches("[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?")) {
                throw new IllegalArgumentException("not a Docker image tag: '" + tag + "'");
            }
            this.tag = tag;
            return this;
        }

        /**
         * A base image with a Java runtime, and its java command ({@code java} if on its PATH). Default:
         * the JRE of this machine's JDK ({@link #jreBaseImage()}, built here once), or
         * {@code -Dmintp2p.baseImage} with {@code java}. Configuration; does not block.
         */
        public Builder baseImage(String image, String javaCommand) {
            this.baseImage = Objects.requireNonNull(image, "image");
            this.javaCommand = Objects.requireNonNull(javaCommand, "javaCommand");
            return this;
        }

        /**
         * Builds the image unless the tag holds one of the same content already, and returns the tag.
         * Caller's thread; blocks while the base image and this one are built (seconds; the first JRE
         * base takes longer).
         */
        public String build() {
            if (tag == null) {
                throw new IllegalStateException("no tag: give the image one with tag(\"mychain/node:dev\")");
            }
            String hash = contentHash();
            if (hash.equals(labelOf(tag))) {
                return tag;
            }
            ImageFromDockerfile image = new ImageFromDockerfile(tag, false);
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < classPath.size(); i++) {
                String entry = "cp/" + i + "-" + classPath.get(i).getFileName();
                image.withFileFromPath(entry, classPath.get(i));
                entries.add(APP_DIR + entry);
            }
            image.withFileFromString("Dockerfile", dockerfile(hash, entries));
            Images.build(tag, image);
            return tag;
        }

        String dockerfile(String hash, List<String> entries) {
            List<String> entrypoint = new ArrayList<>();
            entrypoint.add(java());
            entrypoint.addAll(jvmOptions);
            if (mainClass != null) {
                entrypoint.addAll(List.of("-cp", String.join(":", entries), mainClass));
            } else if (entries.size() == 1 && classPath.get(0).toString().endsWith(".jar")) {
                entrypoint.addAll(List.of("-jar", entries.get(0)));
            } else {
                throw new IllegalStateException("no main class: give mainClass(...), or one jar whose manifest names it");
            }
            return "FROM " + base() + "\n"
                    + "COPY cp/ " + APP_DIR + "cp/\n"
                    + "LABEL " + CONTENT_LABEL + "=\"" + hash + "\"\n"
                    + "ENTRYPOINT " + jsonArray(entrypoint) + "\n"
                    + (defaultArgs.isEmpty() ? "" : "CMD " + jsonArray(defaultArgs) + "\n");
        }

        /** A hash of everything the image is made from; reads every class path file (blocks). */
        String contentHash() {
            List<String> parts = new ArrayList<>(List.of(base(), java(), String.valueOf(mainClass),
                    String.join("\u0001", jvmOptions), String.join("\u0001", defaultArgs), String.valueOf(RECIPE_VERSION)));
            for (Path entry : classPath) {
                parts.add(entry.getFileName() + "=" + treeHash(entry));
            }
            return hash(parts.toArray(String[]::new));
        }

        private String base() {
            if (baseImage == null) {
                String property = System.getProperty("mintp2p.baseImage");
                baseImage = property != null ? property : jreBaseImage();
                javaCommand = property != null ? "java" : JAVA;
            }
            return baseImage;
        }

        private String java() {
            base();
            return javaCommand;
        }
    }

    private static String jsonArray(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (String item : items) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append(']').toString();
    }

    /** A hash of a file's bytes, or of a directory's files (relative names and bytes, in name order). */
    static String treeHash(Path entry) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        d.update(entry.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                        d.update((byte) 0);
                        d.update(Files.readAllBytes(f));
                    }
                }
            } else {
                d.update(Files.readAllBytes(entry));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read " + entry + ": " + e, e);
        }
    }

    /** The content label of the image tagged {@code tag}, or null if there is none (or no such image). Asks Docker; blocks. */
    private static String labelOf(String tag) {
        try {
            var config = DockerClientFactory.instance().client().inspectImageCmd(tag).exec().getConfig();
            return config == null || config.getLabels() == null ? null : config.getLabels().get(CONTENT_LABEL);
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return null;
        }
    }

    /** A FROM scratch image holding a jlinked runtime of the JDK running this code. */
    public static String jreBaseImage() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String tag = "mintp2p/jre:" + hash(System.getProperty("java.runtime.version"), javaHome.toString(),
                String.join(",", MODULES), String.valueOf(RECIPE_VERSION));
        if (exists(tag)) {
            return tag;
        }
        try {
            Path context = Files.createTempDirectory("mintp2p-jre");
            Path rootfs = context.resolve("rootfs");
            Path jre = rootfs.resolve("opt/jre");
            Files.createDirectories(jre.getParent());
            run(javaHome.resolve("bin/jlink").toString(), "--add-modules", String.join(",", MODULES),
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--output", jre.toString());
            Set<Path> libs = new LinkedHashSet<>();
            libs.addAll(sharedLibraries(jre.resolve("bin/java")));
            try (Stream<Path> files = Files.walk(jre.resolve("lib"))) {
                for (Path so : files.filter(p -> p.toString().endsWith(".so")).toList()) {
                    libs.addAll(sharedLibraries(so));
                }
            }
            // Native libraries Netty unpacks at run time (epoll, BoringSSL) want these too.
            for (String extra : List.of("/lib/x86_64-linux-gnu/libgcc_s.so.1", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                    "/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libdl.so.2",
                    "/lib/x86_64-linux-gnu/libpthread.so.0", "/lib/x86_64-linux-gnu/librt.so.1",
                    "/lib/x86_64-linux-gnu/libnss_dns.so.2", "/lib/x86_64-linux-gnu/libnss_files.so.2",
                    "/lib/x86_64-linux-gnu/libresolv.so.2")) {
                if (Files.exists(Path.of(extra))) {
                    libs.add(Path.of(extra));
                }
            }
            libs.add(Path.of("/lib64/ld-linux-x86-64.so.2"));
            for (Path lib : libs) {
                Path real = lib.toRealPath();
                Path target = rootfs.resolve(lib.toString().substring(1));
                Files.createDirectories(target.getParent());
                Files.copy(real, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(rootfs.resolve("etc"));
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.createDirectories(rootfs.resolve("data"));
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\n");
            Files.writeString(rootfs.resolve("etc/nsswitch.conf"), "hosts: files dns\n");
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nENV JAVA_HOME=/opt/jre\n");
            build(tag, new ImageFromDockerfile(tag, false).withFileFromPath(".", context));
            return tag;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build the JRE base image: " + e.getMessage(), e);
        }
    }

    /** Where the helper image keeps its tools. */
    static final String XTABLES = "/usr/sbin/xtables-nft-multi";
    static final String NFQ_DELAY = "/usr/local/bin/nfq-delay";
    private static final String XTABLES_MODULES = "/usr/lib/x86_64-linux-gnu/xtables";

    /**
     * The network shaper's helper image: {@code FROM scratch} with {@code nfq-delay} (compiled here
     * from its C source with gcc, statically), {@code iptables} (the host's xtables-nft-multi and its
     * extension modules), {@code tc} and {@code ip}, plus the shared libraries {@code ldd} lists. It runs
     * next to a node with {@code --network container:<node> --cap-add NET_ADMIN}; the node image stays
     * as it is. Needs gcc, iptables and iproute2 on the machine running the tests (.ci/run installs them).
     */
    public static String shaperImage() {
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
            String tag = "mintp2p/shaper:" + hash(inputs.toString(), String.valueOf(RECIPE_VERSION));
            if (exists(tag)) {
                return tag;
            }
            Path context = Files.createTempDirectory("mintp2p-shaper");
            Path rootfs = context.resolve("rootfs");
            Path src = context.resolve("nfq-delay.c");
            Files.write(src, source);
            Path bin = rootfs.resolve(NFQ_DELAY.substring(1));
            Files.createDirectories(bin.getParent());
            try {
                run("gcc", "-O2", "-Wall", "-static", "-o", bin.toString(), src.toString());
            } catch (IOException e) {
                throw new IllegalStateException("cannot compile nfq-delay (needs gcc and libc6-dev): " + e.getMessage(), e);
            }
            Set<Path> files = new LinkedHashSet<>();
            files.add(xtables);
            files.addAll(sharedLibraries(xtables, null));
            for (Path t : tools) {
                files.add(t);
                files.addAll(sharedLibraries(t, null));
            }
            try (Stream<Path> modules = Files.list(Path.of(XTABLES_MODULES))) {
                for (Path so : modules.filter(p -> p.toString().endsWith(".so")).toList()) {
                    files.add(so);
                    files.addAll(sharedLibraries(so, null));
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
            build(tag, new ImageFromDockerfile(tag, false).withFileFromPath(".", context));
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

    private static final Pattern LDD_LINE = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

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

    private static String run(String... command) throws IOException, InterruptedException {
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

    private static boolean exists(String tag) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(tag).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    private static void build(String tag, ImageFromDockerfile image) {
        long start = System.nanoTime();
        try {
            image.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("building image " + tag + " failed: " + e.getMessage(), e);
        }
        log.info("built image {} in {} ms", tag, (System.nanoTime() - start) / 1_000_000);
    }

    private static String hash(String... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                d.update(p.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
