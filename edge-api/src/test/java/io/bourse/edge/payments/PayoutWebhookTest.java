package io.bourse.edge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.api.PaymentsController;
import io.bourse.edge.api.ProblemHandler;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.UserIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

/**
 * RazorpayX's payout webhooks at the door: only signed, well-formed ones get through, as payout
 * reports for the partition their reference names (the portfolio then reconciles them against the
 * withdrawal); anything malformed is a 400 problem, never a 500.
 */
class PayoutWebhookTest {

    private static final String SECRET = "test-webhook-secret";
    private static final String PATH = "/api/v1/payments/webhook/sandbox";
    private static final String BOB = UserIds.forEmail("bob@example.com");

    private final List<Map.Entry<String, PaymentCommand>> reports = new ArrayList<>();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new PaymentsController(null,
                    new BourseProperties(null, null, null, null, null, null, null, new BourseProperties.Payments("sandbox", SECRET, null),
                            null, null, null),
                    Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC), new SandboxProvider(),
                    new WebhookIntake("sandbox", SECRET, r -> { }, Clock.systemUTC(), new SimpleMeterRegistry(), null,
                            (user, command) -> reports.add(Map.entry(user, command))), null, null))
            .setControllerAdvice(new ProblemHandler()).build();

    static String payout(final String event, final String id, final String reference, final String amount, final String status) {
        return "{\"entity\":\"event\",\"event\":\"" + event + "\",\"contains\":[\"payout\"],\"payload\":{\"payout\":{\"entity\":{\"id\":"
                + id + ",\"entity\":\"payout\",\"fund_account_id\":\"fa_1\",\"amount\":" + amount + ",\"currency\":\"INR\",\"status\":\""
                + status + "\",\"mode\":\"IMPS\",\"reference_id\":" + reference
                + ",\"status_details\":{\"source\":\"beneficiary_bank\",\"reason\":\"beneficiary_bank_down\"},"
                + "\"notes\":{\"userId\":\"u-someone-else\"}}}}}";
    }

    private MockHttpServletResponse send(final String body, final String secret) throws Exception {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content(bytes)
                .header(RazorpayWebhook.SIGNATURE_HEADER, RazorpayWebhook.sign(bytes, secret))).andReturn().getResponse();
    }

    @Test
    void shouldRecordEachSignedPayoutReportForTheUserItsReferenceNamesAndNoOneTheBodyNames() throws Exception {
        final String withdrawal = WithdrawalIds.next(BOB).orElseThrow();
        final String reference = "\"" + withdrawal + "\"";

        assertThat(send(payout("payout.processed", "\"pout_1\"", reference, "10000", "processed"), SECRET).getStatus()).isEqualTo(200);
        assertThat(send(payout("payout.processed", "\"pout_1\"", reference, "10000", "processed"), SECRET).getStatus()).isEqualTo(200);
        assertThat(send(payout("payout.reversed", "\"pout_1\"", reference, "10000", "reversed"), SECRET).getStatus()).isEqualTo(200);
        assertThat(send(payout("payout.failed", "\"pout_2\"", "\"Acme payout 12345\"", "500", "failed"), SECRET).getStatus())
                .isEqualTo(200);
        assertThat(send(payout("payout.failed", "\"pout_3\"", "null", "500", "failed"), SECRET).getStatus()).isEqualTo(200);
        assertThat(send(payout("payout.initiated", "\"pout_1\"", reference, "10000", "processing"), SECRET).getStatus()).isEqualTo(200);

        assertThat(reports).extracting(r -> r.getKey() + " " + r.getValue().getType() + " " + r.getValue().getWithdrawalId() + " "
                + r.getValue().getProviderPayoutId() + " " + r.getValue().getAmountPaise() + " " + r.getValue().getReason()).containsExactly(
                        BOB + " PAYOUT_SUCCEEDED " + withdrawal + " pout_1 10000 null",
                        BOB + " PAYOUT_SUCCEEDED " + withdrawal + " pout_1 10000 null",
                        BOB + " PAYOUT_REVERSED " + withdrawal + " pout_1 10000 beneficiary_bank_down",
                        PortfolioNames.UNMATCHED_PAYMENTS_KEY + " PAYOUT_FAILED Acme payout 12345 pout_2 500 beneficiary_bank_down",
                        PortfolioNames.UNMATCHED_PAYMENTS_KEY + " PAYOUT_FAILED null pout_3 500 beneficiary_bank_down");
        assertThat(reports).allSatisfy(r -> assertThat(r.getValue().getUserId()).isEqualTo(r.getKey()));
        assertThat(reports.get(0).getValue().getType()).isEqualTo(PaymentCommandType.PAYOUT_SUCCEEDED);
    }

    @Test
    void shouldRefuseAForgedPayoutWebhook() throws Exception {
        final MockHttpServletResponse forged = send(payout("payout.processed", "\"pout_1\"",
                "\"" + WithdrawalIds.next(BOB).orElseThrow() + "\"", "10000", "processed"), "sandbox-webhook-secret");

        assertThat(forged.getStatus()).isEqualTo(401);
        assertThat(code(forged)).isEqualTo("INVALID_SIGNATURE");
        assertThat(reports).isEmpty();
    }

    @Test
    void shouldAnswerMalformedOrOversizeSignedPayoutFieldsWith400ProblemsNever500() throws Exception {
        final String ref = "\"" + WithdrawalIds.next(BOB).orElseThrow() + "\"";
        final Map<String, String> bodies = Map.of(
                payout("payout.processed", "{\"id\":\"pout_1\"}", ref, "100", "processed"), "INVALID_PAYOUT_ID",
                payout("payout.processed", "\"pout_1\"", ref, "100.5", "processed"), "INVALID_AMOUNT",
                payout("payout.processed", "\"pout_1\"", ref, "-100", "processed"), "INVALID_AMOUNT",
                payout("payout.processed", "\"pout_1\"", ref, "1000000000001", "processed"), "INVALID_AMOUNT",
                payout("payout.processed", "\"pout_1\"", ref, "\"100\"", "processed"), "INVALID_AMOUNT",
                payout("payout.processed", "\"pout_1\"", "\"" + "w".repeat(41) + "\"", "100", "processed"), "INVALID_REFERENCE_ID",
                payout("payout.processed", "\"pout_1\"", "[1]", "100", "processed"), "INVALID_REFERENCE_ID",
                payout("payout.processed", "\"pout_1\"", ref, "100", "reversed"), "INVALID_PAYOUT_STATUS",
                payout("payout.processed", "\"" + "p".repeat(65) + "\"", ref, "100", "processed"), "INVALID_PAYOUT_ID",
                "{\"event\":\"payout.failed\",\"payload\":{\"payout\":[]}}", "INVALID_WEBHOOK_PAYOUT");
        for (final Map.Entry<String, String> body : bodies.entrySet()) {
            final MockHttpServletResponse response = send(body.getKey(), SECRET);
            assertThat(response.getStatus()).as(body.getKey()).isEqualTo(400);
            assertThat(response.getContentType()).as(body.getKey()).startsWith("application/problem+json");
            assertThat(code(response)).as(body.getKey()).isEqualTo(body.getValue());
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void shouldGiveWithdrawalIdsThatNameTheirUserAndFitRazorpayXsLimits() {
        final String id = WithdrawalIds.next(BOB).orElseThrow();

        assertThat(id).hasSize(36).matches("[A-Za-z0-9_-]+");
        assertThat(WithdrawalIds.userOf(id)).contains(BOB);
        assertThat(WithdrawalIds.next(BOB).orElseThrow()).isNotEqualTo(id);
        assertThat(WithdrawalIds.next("fee-account-0")).isEmpty();
        assertThat(WithdrawalIds.userOf("w-" + java.util.UUID.randomUUID())).isEmpty();
        assertThat(WithdrawalIds.userOf(null)).isEmpty();
    }

    private static String code(final MockHttpServletResponse response) throws Exception {
        return JsonMapper.builder().build().readTree(response.getContentAsString()).path("code").asString();
    }
}
