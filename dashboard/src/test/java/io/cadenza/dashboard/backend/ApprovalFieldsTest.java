package io.cadenza.dashboard.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ApprovalFieldsTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void theRequesterIsTheFirstFieldNamedLikeOne_aPersonObjectGivesItsName() throws Exception {
        assertThat(ApprovalFields.requester(json("{\"reason\":\"dinner\",\"employee\":\"Maria Lopez\"}")))
                .isEqualTo("Maria Lopez");
        assertThat(ApprovalFields.requester(json("{\"requestedBy\":{\"displayName\":\"Ann Lee\",\"id\":\"u1\"}}")))
                .isEqualTo("Ann Lee");
        assertThat(ApprovalFields.requester(json("{\"item\":\"laptop\"}"))).isNull();
        assertThat(ApprovalFields.requester(null)).isNull();
    }

    @Test
    void theAmountIsTheFirstNumberFieldNamedLikeOne_withItsCurrency() throws Exception {
        assertThat(ApprovalFields.amount(json("{\"amount\":1250,\"currency\":\"EUR\"}"))).isEqualTo("1,250 EUR");
        assertThat(ApprovalFields.amount(json("{\"invoiceTotal\":\"980.5\"}"))).isEqualTo("980.50");
        assertThat(ApprovalFields.amountValue(json("{\"invoiceTotal\":\"980.5\"}")))
                .isEqualByComparingTo(new BigDecimal("980.5"));
        // a name that only contains the word, or a value that is not a number, is not an amount
        assertThat(ApprovalFields.amount(json("{\"amountNote\":5,\"total\":\"a lot\"}"))).isNull();
        assertThat(ApprovalFields.amount(json("[1,2]"))).isNull();
    }
}
