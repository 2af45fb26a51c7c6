package io.mintp2p.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
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
    /** Where the jlinked runtime lives in the base image. */
    public static final String JAVA = "/opt/jre/bin/java";
    /** The image label holding the hash of what the image was made from. */
    public static final String CONTENT_LABEL = "io.mintp2p.it.content-hash";
    /** Where the class path entries go in the image. */
    static final String APP_DIR = "/app/";
    /** The stock node's JVM: small heap, quick start, no DNS caching (containers come and go). */
    static final List<String> STOCK_JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0", "-Djava.io.tmpdir=/tmp");

    private Images() {
    }

    /**
     * A builder of a node image from a jar or class path; see {@link Builder}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stock node image for the jar built by this project (system property mintp2p.nodeJar, else the default path).
     *
     * @return the image's tag
     */
    public static String nodeImage() {
        String jar = System.getProperty("mintp2p.nodeJar", "../p2p-node/target/p2p-node.jar");
        String base = System.getProperty("mintp2p.baseImage");
        return nodeImage(Path.of(jar), base != null ? base : jreBaseImage(), base != null ? "java" : JAVA);
    }

    /**
     * The stock node image for {@code nodeJar} on {@code baseImage}, whose java is {@code javaCommand}.
     *
     * @param nodeJar     the p2p-node jar with its dependencies
     * @param baseImage   an image with a Java runtime
     * @param javaCommand its java command
     * @return the image's tag
     */
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

        /**
         * Adds a jar to the class path. Configuration; does not block.
         *
         * @param jar the jar
         * @return this builder
         */
        public Builder jar(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no jar at " + jar.toAbsolutePath());
            }
            classPath.add(jar);
            return this;
        }

        /**
         * Adds a directory of classes (a package tree, as target/classes) to the class path. Configuration; does not block.
         *
         * @param directory the class tree's root
         * @return this builder
         */
        public Builder classes(Path directory) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("no directory at " + directory.toAbsolutePath());
            }
            classPath.add(directory);
            return this;
        }

        /**
         * Adds every {@code *.jar} in {@code directory} (as target/lib of a dependency copy), by name. Reads the directory; blocks.
         *
         * @param directory the directory holding the jars
         * @return this builder
         */
        public Builder jarsIn(Path directory) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(this::jar);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + directory.toAbsolutePath() + ": " + e, e);
            }
            return this;
        }

        /**
         * The class whose main method starts the node; without it, the only jar must name one in its manifest.
         *
         * @param mainClass the class's binary name
         * @return this builder
         */
        public Builder mainClass(String mainClass) {
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
            return this;
        }

        /**
         * Options for the JVM, before the class path (e.g. {@code -Xmx256m}, {@code -Dkey=value}). Configuration.
         *
         * @param options added after the ones given before
         * @return this builder
         */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * The arguments when a container gives no command line (the image's CMD). Configuration.
         *
         * @param args the arguments
         * @return this builder
         */
        public Builder defaultArgs(String... args) {
            defaultArgs.addAll(List.of(args));
            return this;
        }

        /**
         * The image's tag ({@code name:version}, e.g. {@code mychain/node:dev}); required. Configuration.
         *
         * @param tag the tag
         * @return this builder
         */
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
         *
         * @param image       the base image
         * @param javaCommand its java command
         * @return this builder
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
         *
         * @return the tag
         * @throws IllegalStateException if no tag was given
         */
        public String build() {
            if (tag == null) {
                throw new IllegalStateException("no tag: give the image one with tag(\"mychain/node:dev\")");
            }
            String hash = contentHash();
            if (hash.equals(DockerImages.labelOf(tag))) {
                return tag;
            }
            ImageFromDockerfile image = new ImageFromDockerfile(tag, false);
            List<String> entries = NodeDockerfile.addClassPath(image, classPath);
            image.withFileFromString("Dockerfile", dockerfile(hash, entries));
            DockerImages.build(tag, image);
            return tag;
        }

        /** The Dockerfile for a context whose class path entries are at {@code entries}, labelled {@code hash}. */
        String dockerfile(String hash, List<String> entries) {
            return NodeDockerfile.text(base(), java(), jvmOptions, mainClass, classPath, entries, defaultArgs, hash);
        }

        /** A hash of everything the image is made from; reads every class path file (blocks). */
        String contentHash() {
            List<String> parts = new ArrayList<>(List.of(base(), java(), String.valueOf(mainClass),
                    String.join("\u0001", jvmOptions), String.join("\u0001", defaultArgs),
                    String.valueOf(ContentHash.RECIPE_VERSION)));
            for (Path entry : classPath) {
                parts.add(entry.getFileName() + "=" + ContentHash.treeHash(entry));
            }
            return ContentHash.hash(parts.toArray(String[]::new));
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

    /**
     * A FROM scratch image holding a jlinked runtime of the JDK running this code. Caller's thread; blocks while it is built the first time.
     *
     * @return the image's tag
     */
    public static String jreBaseImage() {
        return JreBaseImage.tag();
    }

    /**
     * The network shaper's helper image: {@code FROM scratch} with {@code nfq-delay} (compiled here
     * from its C source with gcc, statically), {@code iptables} (the host's xtables-nft-multi and its
     * extension modules), {@code tc} and {@code ip}, plus the shared libraries {@code ldd} lists. It runs
     * next to a node with {@code --network container:<node> --cap-add NET_ADMIN}; the node image stays
     * as it is. Needs gcc, iptables and iproute2 on the machine running the tests (.ci/run installs them). Caller's thread; blocks while it is built.
     *
     * @return the image's tag
     */
    public static String shaperImage() {
        return ShaperImage.tag();
    }
}
