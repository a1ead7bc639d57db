package io.cadenza.dataplane.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.dataplane.execution.activity.approval.ApprovalRequestParser;
import io.cadenza.dataplane.execution.activity.approval.ApprovalSpec;
import io.cadenza.dataplane.execution.activity.approval.FormValidator;
import io.cadenza.dataplane.execution.activity.approval.InvalidApprovalRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import org.junit.jupiter.api.Test;

/** The approval request contract and form validation, without a server. */
class ApprovalRequestParserTest {

    private static JsonNode json(String s) throws Exception {
        return ApprovalRequestParser.JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void defaultsAreApplied() throws Exception {
        ApprovalSpec spec = ApprovalRequestParser.parse(json("{'title':'t','candidateGroups':['managers']}"));
        assertThat(spec.priority()).isEqualTo(3);
        assertThat(spec.outcomes()).containsExactly("approve", "reject");
        assertThat(spec.normalized().get("outcomes")).hasSize(2);
    }

    @Test
    void contractViolationsSayWhatIsWrong() {
        assertThatThrownBy(() -> ApprovalRequestParser.parse(json("{'title':'t'}")))
                .isInstanceOf(InvalidApprovalRequest.class).hasMessageContaining("No candidates");
        assertThatThrownBy(() -> ApprovalRequestParser.parse(json(
                "{'title':'t','candidateUsers':['a'],'form':[{'name':'x','type':'slider'}]}")))
                .hasMessageContaining("form[0].type 'slider' is unknown");
        assertThatThrownBy(() -> ApprovalRequestParser.parse(json(
                "{'title':'t','candidateUsers':['a'],'form':[{'name':'x','type':'choice'}]}")))
                .hasMessageContaining("without choices");
        assertThatThrownBy(() -> ApprovalRequestParser.parse(json("{'title':'t','candidateUsers':['a'],'priority':9}")))
                .hasMessageContaining("priority");
        assertThatThrownBy(() -> ApprovalRequestParser.parse(json("{'title':'t','candidateUsers':['a'],'dueAt':'soon'}")))
                .hasMessageContaining("dueAt");
        assertThatThrownBy(() -> ApprovalRequestParser.parse("Approve", Payloads.getDefaultInstance()))
                .hasMessageContaining("only offers activity type Approval");
        Payloads binary = Payloads.newBuilder().addPayloads(Payload.newBuilder().putMetadata("encoding",
                com.google.protobuf.ByteString.copyFromUtf8("binary/plain"))).build();
        assertThatThrownBy(() -> ApprovalRequestParser.parse("Approval", binary)).hasMessageContaining("json/plain");
    }

    @Test
    void formValuesAreCheckedAgainstTheForm() throws Exception {
        ApprovalSpec spec = ApprovalRequestParser.parse(json("{'title':'t','candidateUsers':['a'],'form':["
                + "{'name':'amount','type':'money','required':true},{'name':'n','type':'number'},"
                + "{'name':'d','type':'date'},{'name':'c','type':'choice','choices':['x','y']}]}"));

        var ok = FormValidator.check(spec, "approve", json("{'amount':12.5,'n':3,'d':'2026-12-31','c':'x'}"));
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.formValues().get("amount").asText()).isEqualTo("12.5");

        var bad = FormValidator.check(spec, "maybe", json("{'n':'three','d':'31/12/2026','c':'z','extra':1}"));
        assertThat(bad.errors()).extracting(FormValidator.FieldError::field).containsExactlyInAnyOrder("outcome",
                "formValues.amount", "formValues.n", "formValues.d", "formValues.c", "formValues.extra");
    }
}
