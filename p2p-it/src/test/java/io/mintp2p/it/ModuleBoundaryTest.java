package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * This module's descriptor exports its one package to everyone and opens nothing (the modules it uses are checked
 * by p2p-node's ModuleBoundariesTest; nothing in mintp2p uses this one), and needs neither the stock node (it talks
 * to it over HTTP) nor a logging provider (a user's tests pick theirs). Tests run on the class path, where the
 * descriptor is not enforced, so the compiled one is read here.
 */
class ModuleBoundaryTest {
    @Test
    void exportsItsContainersToEveryoneAndNothingElse() throws Exception {
        Path classes = Path.of(P2pNodeContainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(classes).findAll().stream().map(ModuleReference::descriptor)
                .findFirst().orElseThrow();

        assertThat(descriptor.name()).isEqualTo("io.mintp2p.it");
        assertThat(descriptor.exports().stream().map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet())).containsExactly("io.mintp2p.it");
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name))
                .contains("org.slf4j", "testcontainers")
                .doesNotContain("io.mintp2p.node", "ch.qos.logback.classic", "ch.qos.logback.core");
    }
}
