package io.cadenza.dataplane.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Layering without loops: the packages of the data plane depend on each other in one direction only, so each can be
 * read, tested and replaced from the bottom up. Checked at two granularities:
 * <ul>
 *   <li>the top-level packages ({@code api}, {@code execution}, {@code human}, {@code namespace}, {@code schedule},
 *   ...), where two leaves get a slice of their own because they are a layer apart from their parent:
 *   {@code persistence.sql} is the adapter that implements the store interfaces (it depends on everything, nothing
 *   depends on it), and {@code schedule.spec} is a self-contained calendar/cron library that both schedules and cron
 *   workflows use;</li>
 *   <li>the entity subpackages of {@code execution} ({@code activity}, {@code child}, {@code timer},
 *   {@code update}, {@code workflowtask}, {@code transfer}, {@code standalone}): they build on the aggregate (the
 *   {@code execution} package and {@code execution.state}, whose {@code MutableState} composes each entity's
 *   record), and never call back into each other in a loop.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "io.cadenza.dataplane", importOptions = ImportOption.DoNotIncludeTests.class)
class NoCyclesTest {

    private static final String ROOT = "io.cadenza.dataplane.";

    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices()
            .assignedFrom(new TopLevelPackages())
            .should().beFreeOfCycles()
            .as("the top-level packages of the data plane are free of cycles")
            .because("a cycle makes two packages one: neither can be understood, tested or changed alone");

    @ArchTest
    static final ArchRule executionEntitiesAreFreeOfCycles = slices()
            .assignedFrom(new ExecutionEntities())
            .should().beFreeOfCycles()
            .as("the entity subpackages of execution are free of cycles")
            .because("each entity (activity, timer, child, ...) builds on the aggregate; a loop between two entities "
                    + "would make one state machine of both");

    /** {@code io.cadenza.dataplane.<package>}, with {@code persistence.sql} and {@code schedule.spec} apart. */
    static final class TopLevelPackages implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith(ROOT)) {
                return SliceIdentifier.ignore();
            }
            String[] parts = pkg.substring(ROOT.length()).split("\\.");
            if (parts.length > 1 && (parts[0].equals("persistence") && parts[1].equals("sql")
                    || parts[0].equals("schedule") && parts[1].equals("spec"))) {
                return SliceIdentifier.of(parts[0] + "." + parts[1]);
            }
            return SliceIdentifier.of(parts[0]);
        }

        @Override
        public String getDescription() {
            return "top-level packages of io.cadenza.dataplane (persistence.sql and schedule.spec apart)";
        }
    }

    /** {@code io.cadenza.dataplane.execution.<entity>..}; the aggregate ({@code execution}, {@code state}) is left out. */
    static final class ExecutionEntities implements SliceAssignment {
        private static final String EXECUTION = ROOT + "execution.";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith(EXECUTION)) {
                return SliceIdentifier.ignore();
            }
            String entity = pkg.substring(EXECUTION.length()).split("\\.")[0];
            return entity.equals("state") ? SliceIdentifier.ignore() : SliceIdentifier.of(entity);
        }

        @Override
        public String getDescription() {
            return "entity subpackages of io.cadenza.dataplane.execution";
        }
    }
}
