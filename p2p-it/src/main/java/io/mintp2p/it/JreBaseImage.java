package io.mintp2p.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The JRE base image of {@link Images#jreBaseImage()}: a runtime jlinked from the JDK running this
 * code, with the shared libraries it (and Netty's native code) needs, in a {@code FROM scratch}
 * image. Tagged by a hash of the JDK and the module list, and built only when that tag is missing.
 * Runs on the caller's thread; blocks while jlink and Docker work.
 */
final class JreBaseImage {
    /** The modules of the runtime: what the node and its dependencies use. */
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.net.http", "java.sql", "java.xml", "jdk.httpserver", "jdk.crypto.ec", "jdk.unsupported",
            "jdk.naming.dns", "java.security.jgss");

    private JreBaseImage() {
    }

    /** The base image's tag, built first if the engine lacks it. */
    static String tag() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String tag = "mintp2p/jre:" + ContentHash.hash(System.getProperty("java.runtime.version"), javaHome.toString(),
                String.join(",", MODULES), String.valueOf(ContentHash.RECIPE_VERSION));
        if (DockerImages.exists(tag)) {
            return tag;
        }
        try {
            Path context = Files.createTempDirectory("mintp2p-jre");
            Path rootfs = context.resolve("rootfs");
            Path jre = rootfs.resolve("opt/jre");
            Files.createDirectories(jre.getParent());
            HostCommands.run(javaHome.resolve("bin/jlink").toString(), "--add-modules", String.join(",", MODULES),
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--output", jre.toString());
            Set<Path> libs = new LinkedHashSet<>();
            libs.addAll(HostCommands.sharedLibraries(jre.resolve("bin/java")));
            try (Stream<Path> files = Files.walk(jre.resolve("lib"))) {
                for (Path so : files.filter(p -> p.toString().endsWith(".so")).toList()) {
                    libs.addAll(HostCommands.sharedLibraries(so));
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
            DockerImages.build(tag, new ImageFromDockerfile(tag, false).withFileFromPath(".", context));
            return tag;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build the JRE base image: " + e.getMessage(), e);
        }
    }
}
