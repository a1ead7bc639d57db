package io.cadenza.controlplane.apikey;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTokensTest {

    @Test
    void tokensAreCdzPlus43Base64UrlCharsAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = ApiKeyTokens.generate();
            assertThat(token).startsWith("cdz_").hasSize(47).matches("cdz_[A-Za-z0-9_-]{43}");
            assertThat(ApiKeyTokens.wellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void hashIsSha256Hex() {
        // SHA-256("abc")
        assertThat(ApiKeyTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = ApiKeyTokens.generate();
        assertThat(ApiKeyTokens.hash(token)).hasSize(64).isEqualTo(ApiKeyTokens.hash(token)).doesNotContain(token);
    }

    @Test
    void displayPrefixIsTheFirstEightCharsAfterCdz() {
        assertThat(ApiKeyTokens.displayPrefix("cdz_ABCDEFGH" + "x".repeat(35))).isEqualTo("ABCDEFGH");
    }

    @Test
    void recognisesApiKeysByPrefixAndShape() {
        assertThat(ApiKeyTokens.looksLikeApiKey("cdz_short")).isTrue();
        assertThat(ApiKeyTokens.wellFormed("cdz_short")).isFalse();
        assertThat(ApiKeyTokens.looksLikeApiKey("eyJhbGciOi...")).isFalse();
        assertThat(ApiKeyTokens.looksLikeApiKey(null)).isFalse();
    }
}
