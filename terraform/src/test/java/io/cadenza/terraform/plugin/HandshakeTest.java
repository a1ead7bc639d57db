package io.cadenza.terraform.plugin;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeTest {
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("TF_PLUGIN_MAGIC_COOKIE", Handshake.COOKIE_VALUE);
        env.put("PLUGIN_PROTOCOL_VERSIONS", "5,6");
        env.put("PLUGIN_MIN_PORT", "10000");
        env.put("PLUGIN_MAX_PORT", "25000");
        env.put("PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n");
        return env;
    }

    @Test
    void readsTerraformsEnvironment() throws Exception {
        Handshake h = Handshake.fromEnvironment(env());
        assertThat(h.minPort()).isEqualTo(10000);
        assertThat(h.maxPort()).isEqualTo(25000);
        assertThat(h.clientCertPem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void refusesToRunWithoutTheMagicCookieAndSaysWhatItIs() {
        Map<String, String> env = env();
        env.remove("TF_PLUGIN_MAGIC_COOKIE");
        assertThatThrownBy(() -> Handshake.fromEnvironment(env))
                .isInstanceOf(Handshake.NotStartedByTerraform.class)
                .hasMessageContaining("plugin for Terraform").hasMessageContaining("not meant to be run by hand");
        env.put("TF_PLUGIN_MAGIC_COOKIE", "wrong");
        assertThatThrownBy(() -> Handshake.fromEnvironment(env))
                .isInstanceOf(Handshake.NotStartedByTerraform.class);
    }

    @Test
    void refusesATerraformThatDoesNotSpeakProtocol6() {
        Map<String, String> env = env();
        env.put("PLUGIN_PROTOCOL_VERSIONS", "4,5");
        assertThatThrownBy(() -> Handshake.fromEnvironment(env)).hasMessageContaining("protocol 6");
    }

    @Test
    void requiresAutoMtls() {
        Map<String, String> env = env();
        env.remove("PLUGIN_CLIENT_CERT");
        assertThatThrownBy(() -> Handshake.fromEnvironment(env)).hasMessageContaining("PLUGIN_CLIENT_CERT");
    }

    @Test
    void theLineCarriesTheCertificateAsUnpaddedBase64Der() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        String line = Handshake.line(12345, cert.der());
        String[] parts = line.split("\\|");
        assertThat(List.of(parts).subList(0, 5)).containsExactly("1", "6", "tcp", "127.0.0.1:12345", "grpc");
        assertThat(parts[5]).doesNotContain("=").doesNotContain("\n");
        byte[] der = Base64.getDecoder().decode(parts[5]);
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        // what Go's verifier needs: valid now, the localhost name as a SAN, usable as CA and for server auth
        parsed.checkValidity();
        parsed.verify(parsed.getPublicKey());
        assertThat(parsed.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(List.copyOf(san))
                .isEqualTo(List.of(2, "localhost")));
        assertThat(parsed.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(parsed.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(parsed.getKeyUsage()[5]).isTrue();
    }
}
