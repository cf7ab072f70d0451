package io.bourse.edge.payments;

import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.payments.ProviderPaymentReport;
import io.bourse.edge.api.ApiException;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Takes a provider webhook at the edge: refuses an oversize body, then a bad signature, then a
 * malformed body, and turns a payment event into a {@link ProviderPaymentReport} keyed by payment id,
 * and a payout event into a payout {@link PaymentCommand} for the user whose partition its reference
 * (the withdrawal id, {@link WithdrawalIds}) names, or for {@link PortfolioNames#UNMATCHED_PAYMENTS_KEY}
 * when it names none. It decides nothing about money: the portfolio reconciles each report against
 * the deposit intent or the withdrawal the exchange owns. Counted in {@code bourse.payments.webhooks} by outcome.
 */
public class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final String provider;
    private final String secret;
    private final Consumer<ProviderPaymentReport> reports;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PaymentConfirmation confirmation;
    private final BiConsumer<String, PaymentCommand> payoutReports;
    private final PayoutConfirmation payoutConfirmation;

    /** Asks the provider itself whether a captured payment is what its webhook says. */
    @FunctionalInterface
    public interface PaymentConfirmation {
        boolean confirms(RazorpayWebhook.Payment payment);
    }

    /**
     * Asks the provider itself what became of a webhook's payout ({@code GET /v1/payouts/{id}} on RazorpayX); empty when
     * it does not know the payout.
     */
    @FunctionalInterface
    public interface PayoutConfirmation {
        Optional<RazorpayClient.PayoutState> fetch(String payoutId);
    }

    /** As the full constructor, without confirmation through the provider's API. */
    public WebhookIntake(final String provider, final String secret, final Consumer<ProviderPaymentReport> reports,
            final Clock clock, final MeterRegistry meters) {
        this(provider, secret, reports, clock, meters, null);
    }

    /**
     * @param provider the configured provider; webhooks for any other are refused
     * @param reports where verified reports go (the {@code payments.provider-reports} topic), returning once written
     * @param confirmation when not null, a captured payment is recorded only once the provider's API confirms it
     */
    public WebhookIntake(final String provider, final String secret, final Consumer<ProviderPaymentReport> reports,
            final Clock clock, final MeterRegistry meters, final PaymentConfirmation confirmation) {
        this(provider, secret, reports, clock, meters, confirmation, null);
    }

    /**
     * @param payoutReports where verified payout reports go (the {@code payments.commands} topic, by key), returning once
     *     written; {@code null} to acknowledge and ignore payout webhooks
     */
    public WebhookIntake(final String provider, final String secret, final Consumer<ProviderPaymentReport> reports,
            final Clock clock, final MeterRegistry meters, final PaymentConfirmation confirmation,
            final BiConsumer<String, PaymentCommand> payoutReports) {
        this(provider, secret, reports, clock, meters, confirmation, payoutReports, null);
    }

    /**
     * @param payoutConfirmation when not null, a payout webhook settles nothing unless the provider's API, asked, has the
     *     payout with the webhook's status, amount and reference; one that disagrees is recorded as a refusal
     */
    public WebhookIntake(final String provider, final String secret, final Consumer<ProviderPaymentReport> reports,
            final Clock clock, final MeterRegistry meters, final PaymentConfirmation confirmation,
            final BiConsumer<String, PaymentCommand> payoutReports, final PayoutConfirmation payoutConfirmation) {
        this.payoutConfirmation = payoutConfirmation;
        this.payoutReports = payoutReports;
        this.confirmation = confirmation;
        this.provider = provider;
        this.secret = secret;
        this.reports = reports;
        this.clock = clock;
        this.meters = meters;
    }

    /** Verifies and records one webhook; returns {@code RECEIVED} or {@code IGNORED}. */
    public String accept(final String pathProvider, final byte[] body, final String signature) {
        try {
            final String outcome = verifiedReport(pathProvider, body, signature);
            count(outcome);
            return outcome;
        } catch (final ApiException e) {
            count(e.code());
            throw e;
        }
    }

    private String verifiedReport(final String pathProvider, final byte[] body, final String signature) {
        if (!provider.equals(pathProvider)) {
            throw ApiException.notFound("UNKNOWN_PROVIDER", "This node takes webhooks from " + provider + " only");
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("MALFORMED_JSON", "The webhook body is empty");
        }
        if (body.length > RazorpayWebhook.MAX_BYTES) {
            throw ApiException.badRequest("WEBHOOK_TOO_LARGE", "The webhook body exceeds " + RazorpayWebhook.MAX_BYTES + " bytes");
        }
        if (!RazorpayWebhook.verifies(body, signature, secret)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE", "The webhook signature does not verify");
        }
        final JsonNode root = RazorpayWebhook.read(body);
        final Optional<RazorpayWebhook.Payout> payout = RazorpayWebhook.payout(root);
        if (payout.isPresent()) {
            return payoutReport(payout.get());
        }
        final Optional<RazorpayWebhook.Payment> parsed = RazorpayWebhook.payment(root);
        if (parsed.isEmpty()) {
            return "IGNORED";
        }
        final RazorpayWebhook.Payment payment = parsed.get();
        if (payment.captured() && confirmation != null && !confirmation.confirms(payment)) {
            // Not recorded: the provider retries a webhook we refuse, and by then its API may agree.
            throw ApiException.conflict("PAYMENT_NOT_CONFIRMED", "The provider's API does not confirm payment " + payment.paymentId()
                    + " as captured for order " + payment.orderId() + " with this amount");
        }
        reports.accept(ProviderPaymentReport.newBuilder().setReportId("rep-" + UUID.randomUUID()).setProvider(provider)
                .setEvent(payment.event()).setProviderPaymentId(payment.paymentId()).setProviderOrderId(payment.orderId())
                .setAmountPaise(payment.amountPaise()).setCurrency(payment.currency()).setCaptured(payment.captured())
                .setReceivedAtMs(Instant.now(clock)).build());
        LOG.info("Webhook {} for payment {} of order {} recorded for reconciliation", payment.event(), payment.paymentId(),
                payment.orderId());
        return "RECEIVED";
    }

    private String payoutReport(final RazorpayWebhook.Payout payout) {
        if (payoutReports == null) {
            return "IGNORED";
        }
        // The reference only picks the partition; the portfolio moves money only for that user's own withdrawal.
        final String userId = WithdrawalIds.userOf(payout.referenceId()).orElse(PortfolioNames.UNMATCHED_PAYMENTS_KEY);
        final String disagreement = payoutConfirmation == null ? null : disagreement(payout);
        if (disagreement != null) {
            payoutReports.accept(userId, payoutCommand(PaymentCommandType.PAYOUT_UNCONFIRMED, userId, payout).setReason(disagreement)
                    .build());
            LOG.warn("Webhook {} for payout {} of withdrawal {} is not what the provider's API has ({}): recorded as a refusal",
                    payout.event(), payout.payoutId(), payout.referenceId(), disagreement);
            // Refused, so the provider retries it: a payout whose API state lagged its webhook settles then.
            throw ApiException.conflict("PAYOUT_NOT_CONFIRMED", "The provider's API does not confirm payout " + payout.payoutId()
                    + " as " + RazorpayWebhook.PAYOUT_EVENTS.get(payout.event()) + " with this amount and reference (" + disagreement + ")");
        }
        final PaymentCommandType type = switch (payout.event()) {
            case "payout.processed" -> PaymentCommandType.PAYOUT_SUCCEEDED;
            case "payout.reversed" -> PaymentCommandType.PAYOUT_REVERSED;
            default -> PaymentCommandType.PAYOUT_FAILED;
        };
        payoutReports.accept(userId, payoutCommand(type, userId, payout)
                .setReason(type == PaymentCommandType.PAYOUT_SUCCEEDED ? null : payout.reason() == null ? "PROVIDER_" + type.name()
                        : payout.reason())
                .build());
        LOG.info("Webhook {} for payout {} of withdrawal {} recorded for reconciliation", payout.event(), payout.payoutId(),
                payout.referenceId());
        return "RECEIVED";
    }

    /**
     * What the provider's API says differently from the webhook ({@code UNKNOWN_PAYOUT}, {@code STATUS}, {@code AMOUNT} or
     * {@code REFERENCE}); null when it confirms the webhook's status, amount and reference, the only fields that count.
     */
    private String disagreement(final RazorpayWebhook.Payout payout) {
        final Optional<RazorpayClient.PayoutState> fetched = payoutConfirmation.fetch(payout.payoutId());
        if (fetched.isEmpty()) {
            return "UNKNOWN_PAYOUT";
        }
        final RazorpayClient.PayoutState state = fetched.get();
        if (!RazorpayWebhook.PAYOUT_EVENTS.get(payout.event()).equals(state.status())) {
            return "STATUS";
        }
        if (state.amountPaise() != payout.amountPaise()) {
            return "AMOUNT";
        }
        return java.util.Objects.equals(state.referenceId(), payout.referenceId()) ? null : "REFERENCE";
    }

    private PaymentCommand.Builder payoutCommand(final PaymentCommandType type, final String userId, final RazorpayWebhook.Payout payout) {
        return PaymentCommand.newBuilder().setCommandId("rep-" + UUID.randomUUID()).setType(type).setUserId(userId)
                .setProvider(provider).setIntentId(null).setProviderOrderId(null).setWithdrawalId(payout.referenceId())
                .setProviderPayoutId(payout.payoutId()).setAmountPaise(payout.amountPaise()).setCurrency("INR").setReason(null)
                .setDestinationId(null).setDestination(null).setTimestampMs(Instant.now(clock));
    }

    private void count(final String outcome) {
        Counter.builder("bourse.payments.webhooks").description("provider webhooks by outcome (RECEIVED, IGNORED or the refusal code)")
                .tag("outcome", outcome).register(meters).increment();
    }
}
