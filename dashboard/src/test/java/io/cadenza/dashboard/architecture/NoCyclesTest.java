package io.cadenza.dashboard.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Layering without loops in the dashboard: its top-level packages ({@code views}, {@code backend}, {@code security}) depend on each other in one direction only,
 * so each can be read, tested and replaced alone. Classes of the root package ({@code io.cadenza.dashboard}) are a slice of
 * their own.
 */
@AnalyzeClasses(packages = "io.cadenza.dashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class NoCyclesTest {

    private static final String ROOT = "io.cadenza.dashboard";

    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices()
            .assignedFrom(new TopLevelPackages())
            .should().beFreeOfCycles()
            .as("the top-level packages of the dashboard are free of cycles")
            .because("a cycle makes two packages one: neither can be understood, tested or changed alone");

    @ArchTest
    static final ArchRule viewsAreFreeOfCycles = slices()
            .assignedFrom(new Views())
            .should().beFreeOfCycles()
            .as("the view packages of the dashboard (workflows, detail, schedules, inbox, admin, billing) are free of "
                    + "cycles")
            .because("each view is a feature of its own; one may link to another (workflows to detail), never in a "
                    + "loop");

    /**
     * {@code io.cadenza.dashboard.views.<view>..}. The {@code views} package itself (shell, {@code MainLayout},
     * helpers) is left out: Vaadin's layout and its views name each other by design ({@code @Route(layout = ...)}
     * on a view, the layout's navigation links to the views).
     */
    static final class Views implements SliceAssignment {
        private static final String VIEWS = ROOT + ".views.";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.startsWith(VIEWS) ? SliceIdentifier.of(pkg.substring(VIEWS.length()).split("\\.")[0])
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "view subpackages of io.cadenza.dashboard.views";
        }
    }

    /** {@code io.cadenza.dashboard.<package>}, and the root package as {@code (root)}. */
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
            return "top-level packages of io.cadenza.dashboard";
        }
    }
}
