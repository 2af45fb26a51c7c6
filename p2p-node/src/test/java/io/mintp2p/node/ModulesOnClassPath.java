package io.mintp2p.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The mintp2p modules among this test's class path entries (a {@code target/classes} directory or a jar with a
 * {@code module-info.class} at its root), with their descriptors: which module owns a package, and to whom it is
 * exported.
 */
final class ModulesOnClassPath {
    private static final String PREFIX = "io.mintp2p.";

    private final List<ModuleDescriptor> descriptors;
    private final List<Path> locations;
    private final Map<String, ModuleDescriptor> ownerOfPackage = new HashMap<>();

    private ModulesOnClassPath(List<ModuleDescriptor> descriptors, List<Path> locations) {
        this.descriptors = descriptors;
        this.locations = locations;
        for (ModuleDescriptor d : descriptors) {
            d.packages().forEach(p -> ownerOfPackage.put(p, d));
        }
    }

    static ModulesOnClassPath find() {
        List<ModuleDescriptor> descriptors = new ArrayList<>();
        List<Path> locations = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!hasRootDescriptor(path)) {
                continue;
            }
            for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
                if (ref.descriptor().name().startsWith(PREFIX)) {
                    descriptors.add(ref.descriptor());
                    locations.add(path);
                }
            }
        }
        return new ModulesOnClassPath(descriptors, locations);
    }

    /** The descriptor's exports and opens, each written as in a module-info ("exports p", "opens p to m1,m2"). */
    static Set<String> boundary(ModuleDescriptor d) {
        Set<String> lines = new TreeSet<>();
        d.exports().forEach(e -> lines.add(line("exports", e.source(), e.targets())));
        d.opens().forEach(o -> lines.add(line("opens", o.source(), o.targets())));
        return lines;
    }

    private static String line(String directive, String pkg, Set<String> targets) {
        return targets.isEmpty() ? directive + " " + pkg
                : directive + " " + pkg + " to " + targets.stream().sorted().collect(Collectors.joining(","));
    }

    private static boolean hasRootDescriptor(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("module-info.class"));
        }
        if (!Files.isRegularFile(path) || !path.toString().endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            return jar.getEntry("module-info.class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<ModuleDescriptor> descriptors() {
        return descriptors;
    }

    Set<String> names() {
        return descriptors.stream().map(ModuleDescriptor::name).collect(Collectors.toSet());
    }

    List<Path> locations() {
        return locations;
    }

    /** The name of the mintp2p module that holds the package, or null for a package of no mintp2p module. */
    String owner(String pkg) {
        ModuleDescriptor d = ownerOfPackage.get(pkg);
        return d == null ? null : d.name();
    }

    /** Whether the package's module exports it to everyone or, by a qualified export, to the reader. */
    boolean exported(String pkg, String reader) {
        return ownerOfPackage.get(pkg).exports().stream()
                .anyMatch(e -> e.source().equals(pkg) && (!e.isQualified() || e.targets().contains(reader)));
    }
}
