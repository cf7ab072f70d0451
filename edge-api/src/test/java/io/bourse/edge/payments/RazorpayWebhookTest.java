package io.bourse.edge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.edge.api.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RazorpayWebhookTest {

    static String captured(final String id, final String orderId, final String amount) {
        return "{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"id\":" + id + ",\"order_id\":" + orderId
                + ",\"amount\":" + amount + ",\"currency\":\"INR\",\"status\":\"captured\",\"notes\":{\"userId\":\"u-someone-else\"}}}}}";
    }

    private static byte[] bytes(final String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String code(final String body) {
        try {
            RazorpayWebhook.parse(bytes(body));
        } catch (final ApiException e) {
            assertThat(e.status().value()).isEqualTo(400);
            return e.code();
        }
        return "ACCEPTED";
    }

    @Test
    void shouldReadACapturedPaymentAndIgnoreTheNotes() {
        final RazorpayWebhook.Payment payment = RazorpayWebhook.parse(bytes(captured("\"pay_A1\"", "\"order_B2\"", "50000"))).orElseThrow();

        assertThat(payment).isEqualTo(new RazorpayWebhook.Payment("payment.captured", "pay_A1", "order_B2", 50_000, "INR", true));
    }

    @Test
    void shouldReadOrderPaidAndFailedPayments() {
        final String paid = "{\"event\":\"order.paid\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"order_id\":\"order_1\","
                + "\"amount\":100,\"currency\":\"INR\",\"status\":\"captured\"}},\"order\":{\"entity\":{\"id\":\"order_1\"}}}}";
        final String failed = "{\"event\":\"payment.failed\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"order_id\":\"order_1\","
                + "\"amount\":100,\"currency\":\"INR\",\"status\":\"failed\"}}}}";

        assertThat(RazorpayWebhook.parse(bytes(paid)).orElseThrow().captured()).isTrue();
        assertThat(RazorpayWebhook.parse(bytes(failed)).orElseThrow().captured()).isFalse();
        assertThat(code(paid.replace("{\"id\":\"order_1\"}", "{\"id\":\"order_2\"}"))).isEqualTo("INVALID_ORDER_ID");
    }

    @Test
    void shouldIgnoreEventsItDoesNotActOn() {
        assertThat(RazorpayWebhook.parse(bytes("{\"event\":\"refund.processed\",\"payload\":{}}"))).isEmpty();
    }

    @Test
    void shouldRefuseMissingMistypedAndOversizeFieldsWithAStableCode() {
        assertThat(code(captured("{\"x\":1}", "\"order_1\"", "100"))).isEqualTo("INVALID_PAYMENT_ID");
        assertThat(code(captured("null", "\"order_1\"", "100"))).isEqualTo("INVALID_PAYMENT_ID");
        assertThat(code(captured("\"../../admin\"", "\"order_1\"", "100"))).isEqualTo("INVALID_PAYMENT_ID");
        assertThat(code(captured("\"pay_1\"", "[1]", "100"))).isEqualTo("INVALID_ORDER_ID");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "100.5"))).isEqualTo("INVALID_AMOUNT");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "100.0"))).isEqualTo("INVALID_AMOUNT");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "\"100\""))).isEqualTo("INVALID_AMOUNT");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "-100"))).isEqualTo("INVALID_AMOUNT");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "1000000000001"))).isEqualTo("INVALID_AMOUNT");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "99999999999999999999999"))).isEqualTo("INVALID_AMOUNT");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "1e3"))).isEqualTo("INVALID_AMOUNT");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "100").replace("\"id\":\"pay_1\",", ""))).isEqualTo("INVALID_PAYMENT_ID");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "100").replace("\"INR\"", "\"rupees\""))).isEqualTo("INVALID_CURRENCY");
        assertThat(code(captured("\"pay_1\"", "\"order_1\"", "100").replace("\"status\":\"captured\"", "\"status\":\"authorized\"")))
                .isEqualTo("INVALID_PAYMENT_STATUS");
        assertThat(code("{\"event\":{\"name\":\"payment.captured\"}}")).isEqualTo("INVALID_WEBHOOK_EVENT");
        assertThat(code("{\"event\":\"payment.captured\",\"payload\":{\"payment\":[]}}")).isEqualTo("INVALID_WEBHOOK_PAYMENT");
    }

    @Test
    void shouldRefuseWhatIsNotOneUnambiguousJsonObject() {
        assertThat(code("not json")).isEqualTo("MALFORMED_JSON");
        assertThat(code("[1,2]")).isEqualTo("MALFORMED_JSON");
        assertThat(code("{\"event\":\"payment.captured\",\"event\":\"refund.processed\"}")).isEqualTo("MALFORMED_JSON");
        assertThat(code("[".repeat(5_000))).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void shouldVerifyTheSignatureOverTheRawBody() {
        final byte[] body = bytes(captured("\"pay_1\"", "\"order_1\"", "100"));
        final String signature = RazorpayWebhook.sign(body, "s3cret");

        assertThat(RazorpayWebhook.verifies(body, signature, "s3cret")).isTrue();
        assertThat(RazorpayWebhook.verifies(body, signature.toUpperCase(), "s3cret")).isTrue();
        assertThat(RazorpayWebhook.verifies(body, signature, "other")).isFalse();
        assertThat(RazorpayWebhook.verifies(bytes(captured("\"pay_1\"", "\"order_1\"", "101")), signature, "s3cret")).isFalse();
        assertThat(RazorpayWebhook.verifies(body, null, "s3cret")).isFalse();
        assertThatThrownBy(() -> RazorpayWebhook.parse(bytes(""))).isInstanceOf(ApiException.class);
    }
}
