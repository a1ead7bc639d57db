package io.cadenza.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.gateway.auth.Principal;
import io.cadenza.gateway.authz.Permission;
import io.cadenza.gateway.ratelimit.NamespaceRateLimiter;
import io.cadenza.gateway.routing.NamespaceRoute;
import io.cadenza.gateway.telemetry.GatewayTelemetry;
import io.cadenza.gateway.testing.StubControlPlane;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's gRPC port with TLS ({@code cadenza.gateway.tls.cert-file} / {@code key-file}, PEM): an SDK client
 * trusting the certificate works through it; a plaintext client does not get through.
 */
class GatewayTlsTest {

    static final String NS = "orders.acme";

    @TempDir
    static Path dir;
    static Path certFile;
    static TestServer.PortBoundTestServer cell;
    static GatewayGrpcServer gateway;

    @BeforeAll
    static void start() throws Exception {
        Path keyFile = dir.resolve("gateway.key");
        certFile = dir.resolve("gateway.crt");
        selfSigned(keyFile, certFile);
        int cellPort = TemporalSdkThroughGatewayTest.freePort();
        cell = TestServer.createPortBoundServer(cellPort);
        StubControlPlane controlPlane = new StubControlPlane();
        controlPlane.namespaces.put(NS, new NamespaceRoute(NS, "acme", "cell-1", "127.0.0.1:" + cellPort,
                NamespaceRoute.State.ACTIVE, 500, 2000));
        controlPlane.principals.put("cdz_writer", new Principal("service-account", "sa-ci", "ci", "acme",
                "developer", Map.of(NS, Permission.WRITE), Instant.now().plusSeconds(3600)));
        GatewaySettings settings = new GatewaySettings(false, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(120), 128 * 1024 * 1024);
        gateway = new GatewayGrpcServer("127.0.0.1", 0,
                Optional.of(new GatewayGrpcServer.Tls(certFile.toString(), keyFile.toString())), 2, settings,
                controlPlane, controlPlane, new NamespaceRateLimiter(500, 2000, System::nanoTime),
                new GatewayTelemetry(OpenTelemetry.noop())).start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (cell != null) {
            cell.close();
        }
    }

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as PEM key and certificate. */
    static void selfSigned(Path keyFile, Path certFile) throws Exception {
        Path store = dir.resolve("gateway.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize",
                "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass",
                "changeit").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey("gateway", "changeit".toCharArray());
        Certificate cert = ks.getCertificate("gateway");
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void anSdkClientTrustingTheCertificateWorksThroughTls() throws Exception {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + gateway.port())
                .setSslContext(GrpcSslContexts.forClient().trustManager(certFile.toFile()).build())
                .addApiKey(() -> "cdz_writer")
                .build());
        try {
            // proxied to the cell of the caller's namespace
            assertThat(stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                    .hasCapabilities()).isTrue();
        } finally {
            stubs.shutdownNow();
        }
    }

    @Test
    void aPlaintextClientDoesNotGetThrough() {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + gateway.port()).addApiKey(() -> "cdz_writer").setEnableHttps(false)
                .setRpcTimeout(Duration.ofSeconds(5)).build());
        try {
            assertThatThrownBy(() -> stubs.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
                    .isInstanceOf(StatusRuntimeException.class);
        } finally {
            stubs.shutdownNow();
        }
    }
}
