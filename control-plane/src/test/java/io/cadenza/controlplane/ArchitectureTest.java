package io.cadenza.controlplane;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Architecture rules of the control plane, checked on its compiled main classes (no Quarkus needed). Packages are
 * the unit of design here (account, auth, user, namespace, ...): a cycle between them means neither can be
 * understood or changed alone.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .importPath(Path.of("target", "classes"));

    @Test
    void packagesHaveNoCycles() {
        assertThat(MAIN_CLASSES.containPackage("io.cadenza.controlplane.auth")).as("main classes imported").isTrue();
        slices().matching("io.cadenza.controlplane.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(MAIN_CLASSES);
    }
}
