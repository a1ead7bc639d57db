package io.cadenza.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDK's default data converter must produce exactly the JSON contract the README documents. */
class ApprovalJsonContractTest {

    @Test
    void requestSerializesToTheDocumentedJson() {
        // given a request using every field
        ApprovalRequest request = ApprovalRequest.builder("Expense #42")
                .description("**Team dinner**")
                .data("amount", 1250)
                .field(FormField.money("approvedAmount", "Approved amount", true))
                .field(FormField.choice("costCenter", "Cost center", false, List.of("R&D", "Sales")))
                .candidateUsers("alice")
                .candidateGroups("managers")
                .priority(2)
                .dueAt(Instant.parse("2026-12-01T09:00:00Z"))
                .escalateTo("finance")
                .outcomes("approve", "reject", "ask")
                .build();

        // when the SDK converts it
        Optional<Payload> payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(request);

        // then it is plain JSON with the contract's names; nothing empty is written
        String json = payload.orElseThrow().getData().toString(StandardCharsets.UTF_8);
        assertThat(payload.get().getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("json/plain");
        assertThat(json).contains("\"title\":\"Expense #42\"", "\"description\":\"**Team dinner**\"",
                "\"data\":{\"amount\":1250}", "\"type\":\"money\"", "\"required\":true",
                "\"choices\":[\"R&D\",\"Sales\"]", "\"candidateUsers\":[\"alice\"]",
                "\"candidateGroups\":[\"managers\"]", "\"priority\":2", "\"dueAt\":\"2026-12-01T09:00:00Z\"",
                "\"escalateTo\":[\"finance\"]", "\"outcomes\":[\"approve\",\"reject\",\"ask\"]");
        assertThat(json).doesNotContain("assignee", "null");
    }

    @Test
    void resultReadsTheServersJson() {
        String json = "{\"outcome\":\"approve\",\"comment\":\"ok\",\"formValues\":{\"approvedAmount\":\"99.50\"},"
                + "\"completedBy\":\"bob\",\"completedAt\":\"2026-11-25T10:00:00Z\",\"futureField\":1}";
        Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(json).orElseThrow().toBuilder()
                .setData(com.google.protobuf.ByteString.copyFromUtf8(json)).build();

        ApprovalResult result = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, ApprovalResult.class,
                ApprovalResult.class);

        assertThat(result.isApproved()).isTrue();
        assertThat(result.completedBy()).isEqualTo("bob");
        assertThat(result.formValues()).isEqualTo(Map.of("approvedAmount", "99.50"));
        assertThat(result.completedAtInstant()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }
}
