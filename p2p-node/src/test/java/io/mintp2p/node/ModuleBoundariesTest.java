package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What each published module shows the others and its users. Tests run on the class path, where a module's
 * descriptor is not enforced, so this keeps the boundary: the descriptors must say what the table below says,
 * and no main class of one module may use a package of another that is not exported to it. A new export is a
 * decision: change the module-info and this table together.
 */
class ModuleBoundariesTest {
    private static final Map<String, Set<String>> APPROVED = Map.of(
            "io.mintp2p.core", Set.of(
                    "exports io.mintp2p.core.config",
                    "exports io.mintp2p.core.node",
                    "exports io.mintp2p.core.peers",
                    "exports io.mintp2p.core.time",
                    "exports io.mintp2p.core.transport",
                    "exports io.mintp2p.core.wire",
                    "opens io.mintp2p.core.node to com.google.guice"),
            "io.mintp2p.inmemory", Set.of(
                    "exports io.mintp2p.inmemory",
                    "exports io.mintp2p.inmemory.sim"),
            "io.mintp2p.transport.tcp", Set.of(
                    "exports io.mintp2p.transport.tcp",
                    "opens io.mintp2p.transport.tcp to com.google.guice"),
            "io.mintp2p.transport.tls", Set.of(
                    "exports io.mintp2p.transport.tls",
                    "opens io.mintp2p.transport.tls to com.google.guice"),
            "io.mintp2p.transport.noise", Set.of(
                    "exports io.mintp2p.transport.noise",
                    "opens io.mintp2p.transport.noise to com.google.guice"),
            "io.mintp2p.transport.tor", Set.of(
                    "exports io.mintp2p.transport.tor",
                    "opens io.mintp2p.transport.tor to com.google.guice"),
            "io.mintp2p.node", Set.of(
                    "opens io.mintp2p.node to info.picocli"));

    private final ModulesOnClassPath modules = ModulesOnClassPath.find();

    @Test
    void everyPublishedModuleOnTheClassPathIsCompiledWithItsDescriptor() {
        assertThat(modules.names()).containsExactlyInAnyOrderElementsOf(APPROVED.keySet());
    }

    @Test
    void eachModuleExportsAndOpensOnlyWhatTheTableApproves() {
        for (ModuleDescriptor d : modules.descriptors()) {
            assertThat(ModulesOnClassPath.boundary(d)).as(d.name()).containsExactlyInAnyOrderElementsOf(APPROVED.get(d.name()));
        }
    }

    @Test
    void noModuleUsesAPackageAnotherDoesNotExportToIt() {
        JavaClasses classes = new ClassFileImporter().importPaths(modules.locations());
        ArchRuleDefinition.classes().should(useOnlyExportedPackagesOfOtherModules()).check(classes);
    }

    private ArchCondition<JavaClass> useOnlyExportedPackagesOfOtherModules() {
        return new ArchCondition<>("use only packages other modules export to them") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = modules.owner(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String pkg = dependency.getTargetClass().getPackageName();
                    String to = modules.owner(pkg);
                    if (to != null && !to.equals(from) && !modules.exported(pkg, from)) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                from + " uses " + pkg + " of " + to + ", which is not exported to it: "
                                        + dependency.getDescription()));
                    }
                }
            }
        };
    }
}
