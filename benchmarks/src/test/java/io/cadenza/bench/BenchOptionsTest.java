package io.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.cadenza.bench.BenchOptions.Target;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsToBothTargetsCadenzaFirst() {
        assertThat(BenchOptions.parse(new String[0])).isEqualTo(new BenchOptions(5000, 100, 8000,
                List.of(Target.CADENZA, Target.TESTSERVER), Optional.empty(), Duration.ofSeconds(600), false, 0,
                Optional.empty(), false, BenchOptions.SystemOptions.DEFAULT));
        assertThat(BenchOptions.parse(new String[0]).jvmPerTarget()).isTrue();
    }

    @Test
    void runsTargetsInOneJvmOnlyWhenAskedOrWhenThereIsOne() {
        assertThat(BenchOptions.parse(new String[] {"--same-jvm"}).jvmPerTarget()).isFalse();
        assertThat(BenchOptions.parse(new String[] {"--target", "cadenza"}).jvmPerTarget()).isFalse();
    }

    @Test
    void aChildJvmGetsTheSameOptionsForItsOneTargetAndAReportFile() {
        BenchOptions options = BenchOptions.parse(new String[] {"--workflows", "10", "--concurrency", "3",
                "--warmup", "4", "--timeout-seconds", "50", "--cadenza-address", "127.0.0.1:7233",
                "--idle-seconds", "0", "--restart-seconds", "30", "--probe-calls", "50"});

        BenchOptions child = BenchOptions.parse(options.forOneTarget(Target.CADENZA, java.nio.file.Path.of("r"))
                .toArray(String[]::new));

        assertThat(child).isEqualTo(new BenchOptions(10, 3, 4, List.of(Target.CADENZA),
                Optional.of("127.0.0.1:7233"), Duration.ofSeconds(50), false, 0, Optional.of(java.nio.file.Path.of("r")),
                false, new BenchOptions.SystemOptions(Duration.ZERO, Duration.ofSeconds(30), 50)));
    }

    @Test
    void theSystemTargetIsNamedSystem() {
        assertThat(BenchOptions.parse(new String[] {"--target", "system,testserver"}).targets())
                .containsExactly(Target.SYSTEM, Target.TESTSERVER);
        assertThat(BenchOptions.parse(new String[0]).system()).isEqualTo(BenchOptions.SystemOptions.DEFAULT);
    }

    @Test
    void takesAnOrderOfTargetsAndBothValueForms() {
        BenchOptions options = BenchOptions.parse(new String[] {"--target=testserver,cadenza", "--workflows", "10",
                "--concurrency=2", "--warmup", "0", "--cadenza-address", "127.0.0.1:7233"});

        assertThat(options.targets()).containsExactly(Target.TESTSERVER, Target.CADENZA);
        assertThat(options.workflows()).isEqualTo(10);
        assertThat(options.concurrency()).isEqualTo(2);
        assertThat(options.warmup()).isZero();
        assertThat(options.cadenzaAddress()).contains("127.0.0.1:7233");
    }

    @Test
    void rejectsUnknownTargetsAndNonPositiveCounts() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--target", "temporal"}))
                .hasMessageContaining("unknown target");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--workflows", "0"}))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--concurrency"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--bogus", "1"}))
                .hasMessageContaining("unknown argument");
    }
}
