package io.bourse.edge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.bourse.avro.payments.ProviderPaymentReport;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.api.PaymentsController;
import io.bourse.edge.api.ProblemHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook door: only signed, well-formed payment webhooks get through, and they name no user. */
class PaymentsWebhookEndpointTest {

    private static final String SECRET = "test-webhook-secret";
    private static final String PATH = "/api/v1/payments/webhook/sandbox";

    private final List<ProviderPaymentReport> reports = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new PaymentsController(null,
                    new BourseProperties(null, null, null, null, null, null, null, new BourseProperties.Payments("sandbox", SECRET, null),
                            null, null, null),
                    Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC), new SandboxProvider(),
                    new WebhookIntake("sandbox", SECRET, reports::add, Clock.systemUTC(), meters), null, null))
            .setControllerAdvice(new ProblemHandler()).build();

    private MockHttpServletResponse send(final String path, final byte[] body, final String signature) throws Exception {
        final var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        if (signature != null) {
            request.header(RazorpayWebhook.SIGNATURE_HEADER, signature);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse signed(final String body) throws Exception {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(PATH, bytes, RazorpayWebhook.sign(bytes, SECRET));
    }

    private static JsonNode json(final MockHttpServletResponse response) throws Exception {
        return JsonMapper.builder().build().readTree(response.getContentAsString());
    }

    @Test
    void shouldRecordASignedCapturedPaymentForReconciliationWithoutAUser() throws Exception {
        final MockHttpServletResponse response = signed(RazorpayWebhookTest.captured("\"pay_1\"", "\"order_1\"", "50000"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response).path("status").asString()).isEqualTo("RECEIVED");
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.getProviderPaymentId()).isEqualTo("pay_1");
            assertThat(r.getProviderOrderId()).isEqualTo("order_1");
            assertThat(r.getAmountPaise()).isEqualTo(50_000);
            assertThat(r.getCaptured()).isTrue();
            assertThat(r.toString()).doesNotContain("u-someone-else");
        });
    }

    @Test
    void shouldRefuseAForgedOrMissingSignature() throws Exception {
        final byte[] body = RazorpayWebhookTest.captured("\"pay_1\"", "\"order_1\"", "50000").getBytes(StandardCharsets.UTF_8);

        final MockHttpServletResponse forged = send(PATH, body, RazorpayWebhook.sign(body, "sandbox-webhook-secret"));
        final MockHttpServletResponse missing = send(PATH, body, null);

        assertThat(forged.getStatus()).isEqualTo(401);
        assertThat(json(forged).path("code").asString()).isEqualTo("INVALID_SIGNATURE");
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(reports).isEmpty();
    }

    @Test
    void shouldAnswerMalformedSignedBodiesWith400ProblemsNever500() throws Exception {
        final List<String> bodies = List.of(
                RazorpayWebhookTest.captured("{\"id\":\"pay_1\"}", "\"order_1\"", "100"),
                RazorpayWebhookTest.captured("\"pay_1\"", "\"order_1\"", "100.75"),
                RazorpayWebhookTest.captured("\"pay_1\"", "\"order_1\"", "1000000000001"),
                RazorpayWebhookTest.captured("\"pay_1\"", "\"order_1\"", "100").replace("\"id\":\"pay_1\",", ""),
                "{\"event\":", "", "null", "{\"event\":\"payment.captured\"}");
        for (final String body : bodies) {
            final MockHttpServletResponse response = signed(body);
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(response.getContentType()).as(body).startsWith("application/problem+json");
            assertThat(json(response).path("code").asString()).as(body).isNotBlank();
        }
        assertThat(reports).isEmpty();
        assertThat(meters.get("bourse.payments.webhooks").tag("outcome", "INVALID_AMOUNT").counter().count()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnOversizeBodyBeforeCheckingItsSignature() throws Exception {
        final byte[] huge = ("{\"event\":\"payment.captured\",\"pad\":\"" + "x".repeat(RazorpayWebhook.MAX_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        final MockHttpServletResponse response = send(PATH, huge, RazorpayWebhook.sign(huge, SECRET));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response).path("code").asString()).isEqualTo("WEBHOOK_TOO_LARGE");
    }

    @Test
    void shouldTakeWebhooksForTheConfiguredProviderOnlyAndIgnoreOtherEvents() throws Exception {
        final byte[] body = RazorpayWebhookTest.captured("\"pay_1\"", "\"order_1\"", "100").getBytes(StandardCharsets.UTF_8);

        assertThat(send("/api/v1/payments/webhook/razorpay", body, RazorpayWebhook.sign(body, SECRET)).getStatus()).isEqualTo(404);
        assertThat(json(signed("{\"event\":\"refund.processed\"}")).path("status").asString()).isEqualTo("IGNORED");
        assertThat(reports).isEmpty();
    }
}
