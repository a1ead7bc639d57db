package io.cadenza.terraform.plugin;

import io.cadenza.terraform.cadenza.CadenzaProvider;
import io.cadenza.terraform.framework.ProviderService;
import io.cadenza.terraform.protocol.health.HealthGrpc;
import io.cadenza.terraform.protocol.health.HealthProto;
import io.cadenza.terraform.protocol.tfplugin6.ProviderGrpc;
import io.cadenza.terraform.protocol.tfplugin6.Tfplugin6;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server side of AutoMTLS with a client certificate like go-plugin's (ECDSA P-521, SHA-512). */
class PluginServerTest {
    private SelfSignedCertificate client;
    private SelfSignedCertificate server;
    private PluginServer plugin;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        client = SelfSignedCertificate.generate("secp521r1", "SHA512withECDSA",
                SelfSignedCertificate.oid(1, 2, 840, 10045, 4, 3, 4), "HashiCorp");
        server = SelfSignedCertificate.generate();
        CadenzaProvider provider = new CadenzaProvider();
        plugin = PluginServer.start(new Handshake(client.certificatePem(), 0, 0), server,
                new ProviderService(provider, provider::stop));
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        plugin.stopNow();
    }

    private ManagedChannel connect(SelfSignedCertificate identity) throws Exception {
        SslContextBuilder tls = SslContextBuilder.forClient()
                .trustManager(new ByteArrayInputStream(server.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        if (identity != null) {
            tls.keyManager(new ByteArrayInputStream(identity.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                    new ByteArrayInputStream(identity.privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
        }
        channel = NettyChannelBuilder.forAddress("127.0.0.1", plugin.port())
                .sslContext(GrpcSslContexts.configure(tls, SslProvider.JDK).build())
                .overrideAuthority("localhost")
                .build();
        return channel;
    }

    @Test
    void servesHealthAndTheProviderSchemaToTheCertifiedClient() throws Exception {
        ManagedChannel ch = connect(client);
        assertThat(HealthGrpc.newBlockingStub(ch).check(HealthProto.HealthCheckRequest.newBuilder()
                .setService("plugin").build()).getStatus())
                .isEqualTo(HealthProto.HealthCheckResponse.ServingStatus.SERVING);
        Tfplugin6.GetProviderSchema.Response schema = ProviderGrpc.newBlockingStub(ch)
                .getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance());
        assertThat(schema.getResourceSchemasMap()).containsKeys("cadenza_namespace",
                "cadenza_namespace_search_attribute", "cadenza_service_account", "cadenza_apikey", "cadenza_user");
        assertThat(schema.getDataSourceSchemasMap()).containsKeys("cadenza_namespace", "cadenza_namespaces");
        assertThat(schema.getProvider().getBlock().getAttributesList())
                .anySatisfy(a -> assertThat(a.getName()).isEqualTo("api_key"));
    }

    @Test
    void refusesAClientWithoutTheCertificateTerraformAnnounced() throws Exception {
        SelfSignedCertificate stranger = SelfSignedCertificate.generate();
        ManagedChannel ch = connect(stranger);
        assertThatThrownBy(() -> HealthGrpc.newBlockingStub(ch).check(HealthProto.HealthCheckRequest
                .getDefaultInstance())).isInstanceOf(StatusRuntimeException.class);
    }

    @Test
    void unsupportedRpcsAnswerWithADiagnostic() throws Exception {
        Tfplugin6.OpenEphemeralResource.Response r = ProviderGrpc.newBlockingStub(connect(client))
                .openEphemeralResource(Tfplugin6.OpenEphemeralResource.Request.newBuilder().setTypeName("x").build());
        assertThat(r.getDiagnostics(0).getDetail()).contains("not supported");
    }
}
