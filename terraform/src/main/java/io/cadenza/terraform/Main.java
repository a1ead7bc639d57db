package io.cadenza.terraform;

import io.cadenza.terraform.cadenza.CadenzaProvider;
import io.cadenza.terraform.framework.ProviderService;
import io.cadenza.terraform.plugin.Handshake;
import io.cadenza.terraform.plugin.PluginServer;
import io.cadenza.terraform.plugin.SelfSignedCertificate;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;

/**
 * terraform-provider-cadenza: checks that Terraform started it, serves tfplugin6 over mutual TLS and prints the
 * go-plugin handshake line. Stdout carries that line and nothing else (System.out is pointed at stderr, which
 * Terraform records as the provider's log).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream handshakeOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        Handshake handshake;
        try {
            handshake = Handshake.fromEnvironment(System.getenv());
        } catch (Handshake.NotStartedByTerraform e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        CadenzaProvider provider = new CadenzaProvider();
        PluginServer server = PluginServer.start(handshake, certificate,
                new ProviderService(provider, provider::stop));
        handshakeOut.println(Handshake.line(server.port(), certificate.der()));
        handshakeOut.flush();
        server.awaitTermination();
        System.exit(0);
    }
}
