package io.cadenza.system;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The official Temporal Java SDK pointed at the gateway, the way a tenant configures it. */
public final class Sdk {

    private Sdk() {
    }

    /** Service stubs with an API key (or Keycloak token) sent as {@code authorization: Bearer ...}. */
    public static WorkflowServiceStubs stubs(String target, String apiKey) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target)
                .setRpcTimeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            // With an API key the SDK turns TLS on unless told otherwise; the dev stack's gateway is plaintext on
            // loopback (TLS is configured with cadenza.gateway.tls.* in a real deployment).
            options.addApiKey(() -> apiKey).setEnableHttps(false);
        }
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    public static WorkflowClient client(WorkflowServiceStubs stubs, String namespace) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    }

    /** A greeting run to completion and its result. */
    public record Greeted(io.temporal.api.common.v1.WorkflowExecution execution, String result) {
    }

    /**
     * Runs one Greeting workflow (with its activity) through {@code target} as a tenant would: a worker on a fresh
     * task queue and a client, both with {@code credential} (an API key or Keycloak token; null for none).
     */
    public static Greeted runGreeting(String target, String credential, String namespace, String name) {
        WorkflowServiceStubs stubs = stubs(target, credential);
        try {
            WorkflowClient client = client(stubs, namespace);
            String queue = "greetings-" + java.util.UUID.randomUUID();
            io.temporal.worker.WorkerFactory factory = io.temporal.worker.WorkerFactory.newInstance(client);
            io.temporal.worker.Worker worker = factory.newWorker(queue);
            worker.registerWorkflowImplementationTypes(GreetingImpl.class);
            worker.registerActivitiesImplementations(new GreeterImpl());
            factory.start();
            try {
                Greeting workflow = client.newWorkflowStub(Greeting.class, io.temporal.client.WorkflowOptions
                        .newBuilder().setTaskQueue(queue).setWorkflowId("greet-" + java.util.UUID.randomUUID())
                        .build());
                io.temporal.api.common.v1.WorkflowExecution execution = WorkflowClient.start(workflow::greet, name);
                String result = client.newUntypedWorkflowStub(execution, java.util.Optional.empty())
                        .getResult(String.class);
                return new Greeted(execution, result);
            } finally {
                factory.shutdownNow();
            }
        } finally {
            stubs.shutdownNow();
        }
    }

    @WorkflowInterface
    public interface Greeting {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface Greeter {
        String compose(String name);
    }

    public static class GreeterImpl implements Greeter {
        @Override
        public String compose(String name) {
            return "Hello, " + name + "!";
        }
    }

    public static class GreetingImpl implements Greeting {
        private final Greeter greeter = Workflow.newActivityStub(Greeter.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String greet(String name) {
            return greeter.compose(name);
        }
    }
}
