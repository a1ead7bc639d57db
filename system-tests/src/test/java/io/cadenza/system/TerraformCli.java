package io.cadenza.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real terraform CLI in a working directory, with a CLI configuration that installs the provider from the
 * filesystem mirror the terraform module builds. A missing terraform or provider fails the test with that message (never a skip).
 */
final class TerraformCli {
    record Result(int exitCode, String output) {
    }

    private final Path terraform;
    private final Path dir;
    private final Map<String, String> env;

    TerraformCli(Path dir, Map<String, String> env) {
        this.terraform = locateTerraform();
        this.dir = dir;
        this.env = env;
        Path providerDir = Path.of(System.getProperty("cadenza.home", "..")).toAbsolutePath().normalize()
                .resolve("terraform/target/provider");
        try (var files = Files.list(providerDir)) {
            if (files.noneMatch(f -> f.getFileName().toString().startsWith("terraform-provider-cadenza_v")
                    && Files.isExecutable(f))) {
                throw new AssertionError("no terraform-provider-cadenza_v* launcher in " + providerDir);
            }
        } catch (IOException e) {
            throw new AssertionError("the Terraform provider is not built: " + providerDir + " is missing "
                    + "(build the terraform module first: ./mvnw package -pl terraform)", e);
        }
        // The filesystem mirror the terraform module builds: terraform init installs from it with no registry.
        Path mirror = providerDir.resolveSibling("mirror");
        write("cli.tfrc", """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/cadenza/cadenza"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/cadenza/cadenza"]
                  }
                }
                """.formatted(mirror));
    }

    /** terraform from TERRAFORM, /usr/local/bin or the PATH; a clear failure when there is none. */
    static Path locateTerraform() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getenv("TERRAFORM");
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(Path.of(explicit));
        }
        candidates.add(Path.of("/usr/local/bin/terraform"));
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!p.isBlank()) {
                candidates.add(Path.of(p, "terraform"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "terraform was not found (looked at $TERRAFORM, /usr/local/bin/terraform and the PATH): this test "
                        + "runs the real terraform CLI (1.11.4 is installed at /usr/local/bin on the build "
                        + "machines); install it to run the system tests"));
    }

    void write(String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(terraform.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("TF_CLI_CONFIG_FILE", dir.resolve("cli.tfrc").toString());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        long started = System.nanoTime();
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("terraform " + String.join(" ", args) + " did not finish");
            }
            String output = new String(out, StandardCharsets.UTF_8);
            System.out.println("$ terraform " + String.join(" ", args) + " -> " + p.exitValue() + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms\n" + output);
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and requires exit code {@code expected}; returns the output. */
    String expect(int expected, String... args) {
        Result r = run(args);
        if (r.exitCode() != expected) {
            throw new AssertionError("terraform " + String.join(" ", args) + " exited " + r.exitCode()
                    + " (expected " + expected + "):\n" + r.output());
        }
        return r.output();
    }
}
