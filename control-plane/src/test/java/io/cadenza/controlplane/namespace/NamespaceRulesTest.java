package io.cadenza.controlplane.namespace;

import io.cadenza.controlplane.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamespaceRulesTest {

    @Test
    void namesAre2To39LowercaseLettersDigitsAndHyphens() {
        for (String ok : new String[]{"ab", "payments", "a1", "my-namespace-2", "a".repeat(39)}) {
            assertThatCode(() -> NamespaceRules.checkName(ok)).as(ok).doesNotThrowAnyException();
        }
        for (String bad : new String[]{"a", "A1", "1ab", "ab-", "a_b", "a b", "a".repeat(40), ""}) {
            assertThatThrownBy(() -> NamespaceRules.checkName(bad)).as(bad).isInstanceOf(ProblemException.class);
        }
        assertThatThrownBy(() -> NamespaceRules.checkName(null)).hasMessageContaining("required");
    }

    @Test
    void retentionIsOneTo90Days() {
        assertThatCode(() -> NamespaceRules.checkRetention(1)).doesNotThrowAnyException();
        assertThatCode(() -> NamespaceRules.checkRetention(90)).doesNotThrowAnyException();
        assertThatThrownBy(() -> NamespaceRules.checkRetention(0)).hasMessageContaining("between 1 and 90");
        assertThatThrownBy(() -> NamespaceRules.checkRetention(91)).hasMessageContaining("between 1 and 90");
        assertThatThrownBy(() -> NamespaceRules.checkRetention(null)).hasMessageContaining("required");
    }

    @Test
    void searchAttributesUseTemporalTypeNames() {
        Map<String, SearchAttributeType> parsed = NamespaceRules.parseSearchAttributes(Map.of(
                "CustomerId", "Keyword", "Note", "Text", "Count", "Int", "Amount", "Double", "Vip", "Bool",
                "DueAt", "Datetime", "Tags", "KeywordList"));
        assertThat(parsed).hasSize(7).containsEntry("Tags", SearchAttributeType.KEYWORD_LIST);
    }

    @Test
    void badSearchAttributesAreAllReportedWithTheirField() {
        Map<String, String> bad = new HashMap<>();
        bad.put("WorkflowId", "Keyword");
        bad.put("TemporalThing", "Int");
        bad.put("1abc", "Text");
        bad.put("Ok", "Float");
        ProblemException e = (ProblemException) org.assertj.core.api.Assertions.catchThrowable(
                () -> NamespaceRules.parseSearchAttributes(bad));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(f -> f.field()).containsExactlyInAnyOrder(
                "searchAttributes.WorkflowId", "searchAttributes.TemporalThing", "searchAttributes.1abc",
                "searchAttributes.Ok");
    }

    @Test
    void perTypeLimitsMatchTheCells() {
        Map<String, String> texts = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            texts.put("Text" + i, "Text");
        }
        assertThatThrownBy(() -> NamespaceRules.parseSearchAttributes(texts)).hasMessageContaining("at most 5 Text");
    }

    @Test
    void aSearchAttributeKeepsItsType() {
        assertThatThrownBy(() -> NamespaceRules.checkNoTypeChange(Map.of("A", SearchAttributeType.KEYWORD),
                Map.of("A", SearchAttributeType.INT))).hasMessageContaining("already defined as Keyword");
        assertThatCode(() -> NamespaceRules.checkNoTypeChange(Map.of("A", SearchAttributeType.KEYWORD),
                Map.of("B", SearchAttributeType.INT))).doesNotThrowAnyException();
    }

    @Test
    void ratesAreBounded() {
        assertThatCode(() -> NamespaceRules.checkRate("actionsPerSecond", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> NamespaceRules.checkRate("actionsPerSecond", 0)).hasMessageContaining("actionsPerSecond");
    }

    @Test
    void backoffDoublesUpToTheCap() {
        java.time.Duration max = java.time.Duration.ofSeconds(60);
        assertThat(Backoff.after(1, max)).hasSeconds(1);
        assertThat(Backoff.after(2, max)).hasSeconds(2);
        assertThat(Backoff.after(5, max)).hasSeconds(16);
        assertThat(Backoff.after(7, max)).isEqualTo(max);
        assertThat(Backoff.after(1000, max)).isEqualTo(max);
    }

    @Test
    void searchAttributesRoundTripAsJson() {
        Map<String, SearchAttributeType> in = Map.of("B", SearchAttributeType.BOOL, "A", SearchAttributeType.TEXT);
        String json = SearchAttributesJson.write(in);
        assertThat(json).isEqualTo("{\"A\":\"Text\",\"B\":\"Bool\"}");
        assertThat(SearchAttributesJson.read(json)).isEqualTo(in);
    }
}
