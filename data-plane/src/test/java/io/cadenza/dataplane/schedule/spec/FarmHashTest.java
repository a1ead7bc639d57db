package io.cadenza.dataplane.schedule.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fingerprint32 against go-farm's own test vectors (farmhash_test.go), covering every length branch. */
class FarmHashTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dc56d17a|''",
        "3c973d4d|a",
        "2f635ec7|abc",
        "98b51e95|abcd",
        "a3f366ac|abcde",
        "fd7ec8b9|abcdefgh",
        "9741ca1a|0123456789",
        "0d92cafb|0123456789~01",
        "3884aa05|0123456789&012345678",
        "fa88d020|0123456789$0123456789!0",
        "c6246b8d|size:  a.out:  bad magic",
        "322984d9|Nepal premier won't resign.",
        "e273108f|Discard medicine more than two years old.",
        "2e18e880|It's well we cannot hear the screams/That we create in others' dreams.",
    })
    void matchesGoFarmFingerprint32(String expectedHex, String input) {
        int expected = Integer.parseUnsignedInt(expectedHex, 16);
        assertThat(FarmHash.fingerprint32(input.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1723dd7a|0123456789%0123456789\u00a3"})
    void hashesMultiByteUtf8(String expectedHex, String input) {
        assertThat(FarmHash.fingerprint32(input.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Integer.parseUnsignedInt(expectedHex, 16));
    }
}
