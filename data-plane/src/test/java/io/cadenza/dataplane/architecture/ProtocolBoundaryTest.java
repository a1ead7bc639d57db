package io.cadenza.dataplane.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import java.util.List;

/**
 * The protocol boundary: gRPC and the Temporal service protocol (the request and response messages of
 * {@code WorkflowService} and {@code OperatorService}, the {@code errordetails} of statuses) are known to the adapters
 * only, {@code grpc} (transport, the one mapping of errors to statuses) and {@code api} (one handler per RPC,
 * translating requests into calls of the engine). Below them the engine takes its own types and throws
 * {@link io.cadenza.dataplane.common.error.CadenzaException}; what histories and commands are made of
 * ({@code io.temporal.api.history}, {@code command}, {@code common}, {@code enums}, {@code failure}, ...) is the
 * engine's data model and allowed everywhere.
 */
@AnalyzeClasses(packages = "io.cadenza.dataplane", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolBoundaryTest {

    static final String[] ADAPTERS = {"io.cadenza.dataplane.grpc..", "io.cadenza.dataplane.api.."};

    static final List<String> PROTOCOL = List.of("io.grpc.", "com.google.rpc.",
            "io.temporal.api.workflowservice.", "io.temporal.api.operatorservice.", "io.temporal.api.errordetails.");

    /**
     * The one exemption, by origin and target: the workflow task completion applies the commands of a
     * RespondWorkflowTaskCompleted request as given. It is being rewritten into event appliers on another branch;
     * its input becomes an engine type with that rewrite rather than in a conflicting edit now.
     */
    static final String EXEMPT_ORIGIN = "io.cadenza.dataplane.execution.workflowtask.WorkflowTaskCompletion";
    static final String EXEMPT_TARGET = "io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest";

    static final DescribedPredicate<Dependency> NOT_ON_THE_PROTOCOL = new DescribedPredicate<>(
            "the target is not a gRPC or WorkflowService/OperatorService type") {
        @Override
        public boolean test(Dependency d) {
            String target = d.getTargetClass().getName();
            if (PROTOCOL.stream().noneMatch(target::startsWith)) {
                return true;
            }
            return d.getOriginClass().getName().startsWith(EXEMPT_ORIGIN) && target.startsWith(EXEMPT_TARGET);
        }
    };

    @ArchTest
    static final ArchRule noProtocolBelowTheAdapters = classes()
            .that().resideOutsideOfPackages(ADAPTERS)
            .should(ArchConditions.onlyHaveDependenciesWhere(NOT_ON_THE_PROTOCOL))
            .as("gRPC, google.rpc, errordetails and the WorkflowService/OperatorService messages are used only in "
                    + "grpc and api")
            .because("the engine raises domain errors and takes its own requests; the adapters map them once, so a "
                    + "second protocol (HTTP) is a second adapter, not a change across the engine");
}
