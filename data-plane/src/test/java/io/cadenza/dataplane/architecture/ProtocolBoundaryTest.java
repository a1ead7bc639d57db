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
     * The named exemptions, by origin (a class and its inner classes) and target prefix, each with its reason:
     * <ul>
     *   <li>the workflow task completion applies the commands of a RespondWorkflowTaskCompleted request as given
     *       (its input should become an engine type);</li>
     *   <li>the cell's instance-to-instance RPC client ({@code cell/CellChannels}, {@code CellRpc},
     *       {@code RemoteTasks}, {@code RemoteTransfers}) is a transport adapter of its own: it sends engine work
     *       (task pointers, transfer steps) to the instance that holds a queue or a run; it should move behind a
     *       port into {@code grpc/} (issue 16 follow-up);</li>
     *   <li>a poll pinned to a task by the queue's owner learns it from the gRPC context of the forwarded call
     *       ({@code matching/PollScope}), and {@code TransferTargets} tells a remote instance's refusal from a
     *       domain error by its status type: both go with the move above.</li>
     * </ul>
     */
    static final List<String[]> EXEMPT = List.of(
            new String[] {"io.cadenza.dataplane.execution.workflowtask.WorkflowTaskCompletion",
                    "io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest"},
            new String[] {"io.cadenza.dataplane.cell.CellChannels", "io.grpc."},
            new String[] {"io.cadenza.dataplane.cell.CellRpc", "io.grpc."},
            new String[] {"io.cadenza.dataplane.cell.RemoteTasks", "io.grpc."},
            new String[] {"io.cadenza.dataplane.cell.RemoteTransfers", "io.grpc."},
            new String[] {"io.cadenza.dataplane.matching.PollScope", "io.grpc.Context"},
            new String[] {"io.cadenza.dataplane.execution.transfer.TransferTargets", "io.grpc.StatusRuntimeException"});

    static final DescribedPredicate<Dependency> NOT_ON_THE_PROTOCOL = new DescribedPredicate<>(
            "the target is not a gRPC or WorkflowService/OperatorService type") {
        @Override
        public boolean test(Dependency d) {
            String target = d.getTargetClass().getName();
            if (PROTOCOL.stream().noneMatch(target::startsWith)) {
                return true;
            }
            String origin = d.getOriginClass().getName();
            return EXEMPT.stream().anyMatch(e -> (origin.equals(e[0]) || origin.startsWith(e[0] + "$"))
                    && target.startsWith(e[1]));
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
