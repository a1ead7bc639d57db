package io.cadenza.dataplane.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cadenza.dataplane.config.Clocks;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;

/**
 * One clock: main code reads the time only through the injected {@link InstantSource} that {@link Clocks} produces,
 * so tests can control it and every timestamp of a commit comes from the same source.
 */
@AnalyzeClasses(packages = "io.cadenza.dataplane", importOptions = ImportOption.DoNotIncludeTests.class)
class ClockTest {

    /** Classes whose static {@code now(...)} (any overload without a clock argument) reads the system clock. */
    private static final Set<Class<?>> NOW_TYPES = Set.of(Instant.class, LocalDate.class, LocalDateTime.class,
            LocalTime.class, OffsetDateTime.class, ZonedDateTime.class);

    private static final DescribedPredicate<JavaCall<?>> WALL_CLOCK =
            DescribedPredicate.describe("a wall-clock read", call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                boolean takesClock = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(t -> t.isAssignableTo(InstantSource.class));
                return owner.equals(System.class.getName()) && name.equals("currentTimeMillis")
                        || NOW_TYPES.stream().anyMatch(t -> t.getName().equals(owner))
                        && name.equals("now") && !takesClock
                        || owner.equals(Clock.class.getName())
                        && Set.of("systemUTC", "systemDefaultZone", "system").contains(name)
                        || owner.equals(InstantSource.class.getName()) && name.equals("system")
                        || owner.equals(Date.class.getName()) && name.equals("<init>")
                        && call.getTarget().getRawParameterTypes().isEmpty();
            });

    @ArchTest
    static final ArchRule noWallClockOutsideTheClockProvider = noClasses()
            .that().doNotBelongToAnyOf(Clocks.class)
            .should().callCodeUnitWhere(WALL_CLOCK)
            .as("no System.currentTimeMillis(), Instant.now(), Clock.systemUTC() etc. outside config.Clocks")
            .because("the engine reads time through the injected InstantSource, so tests control it");
}
