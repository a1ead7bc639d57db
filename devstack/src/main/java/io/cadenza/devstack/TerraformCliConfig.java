package io.cadenza.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Terraform CLI configuration of the dev stack: {@code <data-dir>/terraform.tfrc} whose dev_overrides point
 * source {@code cadenza/cadenza} at the provider the terraform module built, so that {@code terraform plan} works
 * with no registry. Written on every start (the checkout may have moved).
 */
public final class TerraformCliConfig {
    static final String FILE_NAME = "terraform.tfrc";

    private TerraformCliConfig() {
    }

    /** Writes the file when the provider is built; returns the banner lines saying how to use it. */
    public static List<String> write(Path home, Path dataDir) throws IOException {
        Path providerDir = home.resolve("terraform/target/provider").toAbsolutePath().normalize();
        if (!Files.isDirectory(providerDir)) {
            return List.of("Terraform provider      not built (./mvnw -B -DskipTests package -pl terraform)");
        }
        Path file = dataDir.resolve(FILE_NAME);
        Files.createDirectories(dataDir);
        Files.writeString(file, content(providerDir));
        return List.of("Terraform CLI config    export TF_CLI_CONFIG_FILE=" + file,
                "                        (provider cadenza/cadenza from " + providerDir + "; see terraform/README.md)");
    }

    static String content(Path providerDir) {
        return """
                # Written by ./cadenza dev: Terraform takes provider cadenza/cadenza from this checkout's build.
                # dev_overrides run the build directly (a rebuild takes effect at once); the filesystem mirror
                # lets terraform init succeed without a registry.
                provider_installation {
                  dev_overrides {
                    "cadenza/cadenza" = "%s"
                  }
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/cadenza/cadenza"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/cadenza/cadenza"]
                  }
                }
                """.formatted(slashes(providerDir), slashes(providerDir.resolveSibling("mirror")));
    }

    private static String slashes(Path p) {
        return p.toString().replace("\\", "/");
    }
}
