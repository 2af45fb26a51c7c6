package io.mintp2p.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's packages form layers: wire and time at the bottom, transport and config on them, the
 * session, the peer manager and admission above, the node runtime on top. No cycles, so each piece
 * can be understood, tested and replaced alone.
 */
@AnalyzeClasses(packages = "io.mintp2p.core", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {
    @ArchTest
    static final ArchRule noCycles = slices().matching("io.mintp2p.core.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule peerManagerKnowsNothingOfTheNode = noClasses().that().resideInAPackage("..core.peers..")
            .should().dependOnClassesThat().resideInAnyPackage("..core.node..", "..core.session..");

    @ArchTest
    static final ArchRule sessionKnowsNothingOfTheNode = noClasses().that().resideInAPackage("..core.session..")
            .should().dependOnClassesThat().resideInAnyPackage("..core.node..", "..core.peers..");

    @ArchTest
    static final ArchRule theWireKnowsNothingAboveIt = noClasses().that().resideInAPackage("..core.wire..")
            .should().dependOnClassesThat().resideInAnyPackage("..core.node..", "..core.peers..",
                    "..core.session..", "..core.transport..", "..core.admission..", "..core.config..");
}
