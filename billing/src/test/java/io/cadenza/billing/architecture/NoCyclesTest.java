package io.cadenza.billing.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Layering without loops in the billing service: its top-level packages ({@code ingest}, {@code usage}, {@code pricing}, {@code invoice}, {@code store}, {@code rest}, ...) depend on each other in one direction only,
 * so each can be read, tested and replaced alone. Classes of the root package ({@code io.cadenza.billing}) are a slice of
 * their own.
 */
@AnalyzeClasses(packages = "io.cadenza.billing", importOptions = ImportOption.DoNotIncludeTests.class)
class NoCyclesTest {

    private static final String ROOT = "io.cadenza.billing";

    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices()
            .assignedFrom(new TopLevelPackages())
            .should().beFreeOfCycles()
            .as("the top-level packages of the billing service are free of cycles")
            .because("a cycle makes two packages one: neither can be understood, tested or changed alone");

    /** {@code io.cadenza.billing.<package>}, and the root package as {@code (root)}. */
    static final class TopLevelPackages implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(ROOT)) {
                return SliceIdentifier.of("(root)");
            }
            if (!pkg.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(pkg.substring(ROOT.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "top-level packages of io.cadenza.billing";
        }
    }
}
