package io.cadenza.terraform.framework;

import com.google.protobuf.ByteString;
import io.cadenza.terraform.protocol.tfplugin6.ProviderGrpc;
import io.cadenza.terraform.protocol.tfplugin6.Tfplugin6;
import io.grpc.stub.StreamObserver;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tfplugin6 Provider service over a {@link ProviderDefinition}: decodes values with the schemas, applies the
 * {@link Planner} rules and turns every failure into a diagnostic (never a bare gRPC error, which Terraform shows
 * without context). RPCs this provider has no use for (functions, ephemeral resources, moves) answer with a
 * diagnostic saying so.
 */
public final class ProviderService extends ProviderGrpc.ProviderImplBase {
    private static final long RECENTLY_CREATED_MILLIS = 60_000;
    private static final long READ_AFTER_CREATE_RETRY_MILLIS = 5_000;

    private final ProviderDefinition provider;
    private final Map<String, ResourceType> resources = new LinkedHashMap<>();
    private final Map<String, DataSourceType> dataSources = new LinkedHashMap<>();
    private final Runnable onStop;

    public ProviderService(ProviderDefinition provider, Runnable onStop) {
        this.provider = provider;
        this.onStop = onStop;
        provider.resources().forEach(r -> resources.put(r.typeName(), r));
        provider.dataSources().forEach(d -> dataSources.put(d.typeName(), d));
    }

    @Override
    public void getMetadata(Tfplugin6.GetMetadata.Request request,
                            StreamObserver<Tfplugin6.GetMetadata.Response> out) {
        var b = Tfplugin6.GetMetadata.Response.newBuilder().setServerCapabilities(capabilities());
        resources.keySet().forEach(n -> b.addResources(
                Tfplugin6.GetMetadata.ResourceMetadata.newBuilder().setTypeName(n)));
        dataSources.keySet().forEach(n -> b.addDataSources(
                Tfplugin6.GetMetadata.DataSourceMetadata.newBuilder().setTypeName(n)));
        reply(out, b.build());
    }

    private static Tfplugin6.ServerCapabilities capabilities() {
        return Tfplugin6.ServerCapabilities.newBuilder().setGetProviderSchemaOptional(true).build();
    }

    @Override
    public void getProviderSchema(Tfplugin6.GetProviderSchema.Request request,
                                  StreamObserver<Tfplugin6.GetProviderSchema.Response> out) {
        var b = Tfplugin6.GetProviderSchema.Response.newBuilder()
                .setProvider(Schemas.toProto(provider.schema()))
                .setServerCapabilities(capabilities());
        resources.forEach((n, r) -> b.putResourceSchemas(n, Schemas.toProto(r.schema())));
        dataSources.forEach((n, d) -> b.putDataSourceSchemas(n, Schemas.toProto(d.schema())));
        reply(out, b.build());
    }

    @Override
    public void validateProviderConfig(Tfplugin6.ValidateProviderConfig.Request request,
                                       StreamObserver<Tfplugin6.ValidateProviderConfig.Response> out) {
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            Planner.validate(provider.schema(), object(provider.schema(), request.getConfig()), diags);
            return diags;
        });
        reply(out, Tfplugin6.ValidateProviderConfig.Response.newBuilder().addAllDiagnostics(d.all()).build());
    }

    @Override
    public void configureProvider(Tfplugin6.ConfigureProvider.Request request,
                                  StreamObserver<Tfplugin6.ConfigureProvider.Response> out) {
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            provider.configure(object(provider.schema(), request.getConfig()), diags);
            return diags;
        });
        reply(out, Tfplugin6.ConfigureProvider.Response.newBuilder().addAllDiagnostics(d.all()).build());
    }

    @Override
    public void validateResourceConfig(Tfplugin6.ValidateResourceConfig.Request request,
                                       StreamObserver<Tfplugin6.ValidateResourceConfig.Response> out) {
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            ResourceType r = resource(request.getTypeName());
            Map<String, Object> config = object(r.schema(), request.getConfig());
            Planner.validate(r.schema(), config, diags);
            if (config != null) {
                r.validate(config, diags);
            }
            return diags;
        });
        reply(out, Tfplugin6.ValidateResourceConfig.Response.newBuilder().addAllDiagnostics(d.all()).build());
    }

    @Override
    public void validateDataResourceConfig(Tfplugin6.ValidateDataResourceConfig.Request request,
                                           StreamObserver<Tfplugin6.ValidateDataResourceConfig.Response> out) {
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            DataSourceType ds = dataSource(request.getTypeName());
            Planner.validate(ds.schema(), object(ds.schema(), request.getConfig()), diags);
            return diags;
        });
        reply(out, Tfplugin6.ValidateDataResourceConfig.Response.newBuilder().addAllDiagnostics(d.all()).build());
    }

    @Override
    public void upgradeResourceState(Tfplugin6.UpgradeResourceState.Request request,
                                     StreamObserver<Tfplugin6.UpgradeResourceState.Response> out) {
        var b = Tfplugin6.UpgradeResourceState.Response.newBuilder();
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            ResourceType r = resource(request.getTypeName());
            if (!request.getRawState().getFlatmap().isEmpty()) {
                diags.error("Unsupported state format", "The state of " + request.getTypeName() + " is in the "
                        + "legacy flatmap format, which this provider never wrote.");
                return diags;
            }
            // Schema version 0 is the only one so far: the JSON state maps onto the current schema as it is;
            // attributes the schema no longer has are dropped.
            Object state = Values.fromJson(r.schema().objectType(), request.getRawState().getJson().toByteArray());
            b.setUpgradedState(Values.encode(r.schema().objectType(), state));
            return diags;
        });
        reply(out, b.addAllDiagnostics(d.all()).build());
    }

    @Override
    public void readResource(Tfplugin6.ReadResource.Request request,
                             StreamObserver<Tfplugin6.ReadResource.Response> out) {
        var b = Tfplugin6.ReadResource.Response.newBuilder().setPrivate(request.getPrivate());
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            ResourceType r = resource(request.getTypeName());
            Map<String, Object> current = object(r.schema(), request.getCurrentState());
            Map<String, Object> fresh = current == null ? null : r.read(current, diags);
            // Just created (per the private state) yet not found: an eventually consistent read; ask again for a
            // while before telling Terraform that the resource is gone.
            long deadline = System.currentTimeMillis() + READ_AFTER_CREATE_RETRY_MILLIS;
            while (fresh == null && current != null && !diags.hasErrors()
                    && PrivateState.createdWithin(request.getPrivate(), RECENTLY_CREATED_MILLIS)
                    && System.currentTimeMillis() < deadline) {
                PrivateState.pause(500);
                fresh = r.read(current, diags);
            }
            if (diags.hasErrors()) {
                fresh = current; // keep the state as it was; the error says why
            }
            b.setNewState(Values.encode(r.schema().objectType(), Planner.alignWithPrior(r.schema(), current, fresh)));
            return diags;
        });
        reply(out, b.addAllDiagnostics(d.all()).build());
    }

    @Override
    public void planResourceChange(Tfplugin6.PlanResourceChange.Request request,
                                   StreamObserver<Tfplugin6.PlanResourceChange.Response> out) {
        var b = Tfplugin6.PlanResourceChange.Response.newBuilder().setPlannedPrivate(request.getPriorPrivate());
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            ResourceType r = resource(request.getTypeName());
            Block schema = r.schema();
            Map<String, Object> prior = object(schema, request.getPriorState());
            Planner.Plan plan = Planner.plan(schema, prior, object(schema, request.getProposedNewState()),
                    object(schema, request.getConfig()));
            r.modifyPlan(prior, plan.planned(), diags);
            b.setPlannedState(Values.encode(schema.objectType(), plan.planned()));
            plan.requiresReplace().forEach(name -> b.addRequiresReplace(Diagnostics.path(name)));
            return diags;
        });
        reply(out, b.addAllDiagnostics(d.all()).build());
    }

    @Override
    public void applyResourceChange(Tfplugin6.ApplyResourceChange.Request request,
                                    StreamObserver<Tfplugin6.ApplyResourceChange.Response> out) {
        var b = Tfplugin6.ApplyResourceChange.Response.newBuilder().setPrivate(request.getPlannedPrivate());
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            ResourceType r = resource(request.getTypeName());
            Block schema = r.schema();
            Map<String, Object> prior = object(schema, request.getPriorState());
            Map<String, Object> planned = object(schema, request.getPlannedState());
            Map<String, Object> result;
            if (planned == null) {
                r.delete(prior, diags);
                result = diags.hasErrors() ? prior : null;
            } else if (prior == null) {
                Map<String, Object> created = r.create(planned, diags);
                b.setPrivate(PrivateState.created(System.currentTimeMillis()));
                // A failed create that still made something returns it, so that Terraform tracks (taints) it.
                result = created == null ? null : Planner.keepPlannedKnowns(schema, planned, created);
            } else {
                Map<String, Object> updated = r.update(prior, planned, diags);
                result = updated == null ? prior : Planner.keepPlannedKnowns(schema, planned, updated);
            }
            b.setNewState(Values.encode(schema.objectType(), result));
            return diags;
        });
        reply(out, b.addAllDiagnostics(d.all()).build());
    }

    @Override
    public void importResourceState(Tfplugin6.ImportResourceState.Request request,
                                    StreamObserver<Tfplugin6.ImportResourceState.Response> out) {
        var b = Tfplugin6.ImportResourceState.Response.newBuilder();
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            ResourceType r = resource(request.getTypeName());
            Map<String, Object> state = r.importState(request.getId(), diags);
            if (state != null && !diags.hasErrors()) {
                b.addImportedResources(Tfplugin6.ImportResourceState.ImportedResource.newBuilder()
                        .setTypeName(request.getTypeName())
                        .setState(Values.encode(r.schema().objectType(), state)));
            }
            return diags;
        });
        reply(out, b.addAllDiagnostics(d.all()).build());
    }

    @Override
    public void readDataSource(Tfplugin6.ReadDataSource.Request request,
                               StreamObserver<Tfplugin6.ReadDataSource.Response> out) {
        var b = Tfplugin6.ReadDataSource.Response.newBuilder();
        Diagnostics d = guarded(() -> {
            Diagnostics diags = new Diagnostics();
            DataSourceType ds = dataSource(request.getTypeName());
            Map<String, Object> state = ds.read(object(ds.schema(), request.getConfig()), diags);
            if (!diags.hasErrors()) {
                b.setState(Values.encode(ds.schema().objectType(), state));
            }
            return diags;
        });
        reply(out, b.addAllDiagnostics(d.all()).build());
    }

    @Override
    public void stopProvider(Tfplugin6.StopProvider.Request request,
                             StreamObserver<Tfplugin6.StopProvider.Response> out) {
        reply(out, Tfplugin6.StopProvider.Response.getDefaultInstance());
        onStop.run();
    }

    @Override
    public void getFunctions(Tfplugin6.GetFunctions.Request request,
                             StreamObserver<Tfplugin6.GetFunctions.Response> out) {
        reply(out, Tfplugin6.GetFunctions.Response.getDefaultInstance()); // this provider has no functions
    }

    @Override
    public void callFunction(Tfplugin6.CallFunction.Request request,
                             StreamObserver<Tfplugin6.CallFunction.Response> out) {
        reply(out, Tfplugin6.CallFunction.Response.newBuilder().setError(Tfplugin6.FunctionError.newBuilder()
                .setText("The cadenza provider has no functions (asked for '" + request.getName() + "').")).build());
    }

    @Override
    public void moveResourceState(Tfplugin6.MoveResourceState.Request request,
                                  StreamObserver<Tfplugin6.MoveResourceState.Response> out) {
        reply(out, Tfplugin6.MoveResourceState.Response.newBuilder().addAllDiagnostics(unsupported(
                "Moving state from " + request.getSourceTypeName() + " into " + request.getTargetTypeName())).build());
    }

    @Override
    public void validateEphemeralResourceConfig(Tfplugin6.ValidateEphemeralResourceConfig.Request request,
                                                StreamObserver<Tfplugin6.ValidateEphemeralResourceConfig.Response> out) {
        reply(out, Tfplugin6.ValidateEphemeralResourceConfig.Response.newBuilder()
                .addAllDiagnostics(unsupported("Ephemeral resource " + request.getTypeName())).build());
    }

    @Override
    public void openEphemeralResource(Tfplugin6.OpenEphemeralResource.Request request,
                                      StreamObserver<Tfplugin6.OpenEphemeralResource.Response> out) {
        reply(out, Tfplugin6.OpenEphemeralResource.Response.newBuilder()
                .addAllDiagnostics(unsupported("Ephemeral resource " + request.getTypeName())).build());
    }

    @Override
    public void renewEphemeralResource(Tfplugin6.RenewEphemeralResource.Request request,
                                       StreamObserver<Tfplugin6.RenewEphemeralResource.Response> out) {
        reply(out, Tfplugin6.RenewEphemeralResource.Response.newBuilder()
                .addAllDiagnostics(unsupported("Ephemeral resource " + request.getTypeName())).build());
    }

    @Override
    public void closeEphemeralResource(Tfplugin6.CloseEphemeralResource.Request request,
                                       StreamObserver<Tfplugin6.CloseEphemeralResource.Response> out) {
        reply(out, Tfplugin6.CloseEphemeralResource.Response.newBuilder()
                .addAllDiagnostics(unsupported("Ephemeral resource " + request.getTypeName())).build());
    }

    private static List<Tfplugin6.Diagnostic> unsupported(String what) {
        Diagnostics d = new Diagnostics();
        d.error("Not supported by the cadenza provider", what + " is not supported by the cadenza provider.");
        return d.all();
    }

    private ResourceType resource(String typeName) {
        ResourceType r = resources.get(typeName);
        if (r == null) {
            throw new IllegalArgumentException("The cadenza provider has no resource type " + typeName
                    + "; it has " + resources.keySet());
        }
        return r;
    }

    private DataSourceType dataSource(String typeName) {
        DataSourceType ds = dataSources.get(typeName);
        if (ds == null) {
            throw new IllegalArgumentException("The cadenza provider has no data source " + typeName
                    + "; it has " + dataSources.keySet());
        }
        return ds;
    }

    private static Map<String, Object> object(Block schema, Tfplugin6.DynamicValue value) {
        return Values.object(Values.decode(schema.objectType(), value));
    }

    /** Runs an RPC body; an unexpected exception becomes an error diagnostic rather than a broken call. */
    private static Diagnostics guarded(Supplier<Diagnostics> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            Diagnostics d = new Diagnostics();
            d.error("Cadenza provider error", e.getMessage() == null ? e.toString() : e.getMessage());
            return d;
        }
    }

    private static <T> void reply(StreamObserver<T> out, T response) {
        out.onNext(response);
        out.onCompleted();
    }


}
