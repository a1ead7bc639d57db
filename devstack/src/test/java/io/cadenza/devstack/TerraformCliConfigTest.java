package io.cadenza.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TerraformCliConfigTest {

    @Test
    void writesDevOverridesForTheBuiltProvider(@TempDir Path home, @TempDir Path dataDir) throws Exception {
        Files.createDirectories(home.resolve("terraform/target/provider"));
        var banner = TerraformCliConfig.write(home, dataDir);
        Path file = dataDir.resolve("terraform.tfrc");
        assertThat(banner.get(0)).isEqualTo("Terraform CLI config    export TF_CLI_CONFIG_FILE=" + file);
        assertThat(Files.readString(file)).contains("\"cadenza/cadenza\" = \""
                + home.resolve("terraform/target/provider") + "\"").contains("dev_overrides")
                .contains("path    = \"" + home.resolve("terraform/target/mirror") + "\"");
    }

    @Test
    void saysSoWhenTheProviderIsNotBuilt(@TempDir Path home, @TempDir Path dataDir) throws Exception {
        assertThat(TerraformCliConfig.write(home, dataDir).get(0)).contains("not built");
        assertThat(dataDir.resolve("terraform.tfrc")).doesNotExist();
    }
}
