package io.bourse.edge.api;

import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.DepositStatus;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.payments.PaymentProvider;
import io.bourse.edge.payments.SandboxProvider;
import io.bourse.edge.payments.WebhookIntake;
import io.bourse.edge.payments.WithdrawalIds;
import io.bourse.portfolio.topology.PortfolioQueries;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox provider's hosted checkout page: what a customer sees on the provider's side. Paying or
 * failing there sends the provider's signed webhook for the order, so the deposit is reconciled as a
 * real one. Exists only while the node runs the {@code sandbox} provider; the page names no user and
 * pays only the intent's own amount. Its payout page is RazorpayX's side of a withdrawal the user left
 * to it: process, fail or reverse the payout, which sends the signed payout webhook for its own amount.
 * The payout page reads the withdrawal the portfolio keeps (its payout id, amount, mode and fund
 * account), so it survives a restart of the node and answers on any node (forwarded to the owner).
 */
@RestController
@RequestMapping(SandboxCheckoutController.PATH)
@Tag(name = "Payments")
public class SandboxCheckoutController {

    public static final String PATH = "/api/v1/payments/sandbox/checkout";
    /** The sandbox payout page of a withdrawal: {@code PAYOUTS_PATH/<withdrawalId>}. */
    public static final String PAYOUTS_PATH = PATH + "/payouts";
    private static final String ORDER_ID = "order_[A-Za-z0-9]{1,40}";
    private static final String WITHDRAWAL_ID = "w[A-Za-z0-9_-]{22}[A-Za-z0-9]{13}";
    /** The web UI's inline favicon, so a browser opening these pages asks for no /favicon.ico (which is not served). */
    static final String ICON = "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
            + "viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23f0b90b'/%3E%3C/svg%3E\">";

    private final PaymentProvider provider;
    private final WebhookIntake webhooks;
    private final StoreReads reads;
    private final BourseProperties properties;

    public SandboxCheckoutController(final PaymentProvider provider, final WebhookIntake webhooks, final StoreReads reads,
            final BourseProperties properties) {
        this.provider = provider;
        this.webhooks = webhooks;
        this.reads = reads;
        this.properties = properties;
    }

    @GetMapping(value = "/{orderId}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Sandbox only: the provider's checkout page for an order, with Pay and Fail")
    public ResponseEntity<String> page(@PathVariable @Pattern(regexp = ORDER_ID) final String orderId) {
        final DepositIntent intent = intent(orderId);
        final String state = intent.getStatus() == DepositStatus.CREDITED ? "<p>This order is paid.</p>" : """
                <form method="post" action="%1$s/pay"><button type="submit">Pay ₹%2$s</button></form>
                <form method="post" action="%1$s/fail"><button type="submit">Fail the payment</button></form>
                """.formatted(PATH + "/" + orderId, Money.format(intent.getAmountPaise()));
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(withIcon("""
                <!doctype html><html><head><meta charset="utf-8"><title>Sandbox checkout</title></head>
                <body><h1>Sandbox checkout</h1><p>Order %s: ₹%s</p>%s
                <p>No money moves: this is the embedded default's pretend payment provider.</p></body></html>
                """.formatted(orderId, Money.format(intent.getAmountPaise()), state)));
    }

    @PostMapping(value = "/{orderId}/pay", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Sandbox only: pay the order; the provider's signed payment.captured webhook follows")
    public ResponseEntity<String> pay(@PathVariable @Pattern(regexp = ORDER_ID) final String orderId) {
        return settle(orderId, true);
    }

    @PostMapping(value = "/{orderId}/fail", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Sandbox only: fail a payment attempt; the provider's signed payment.failed webhook follows")
    public ResponseEntity<String> fail(@PathVariable @Pattern(regexp = ORDER_ID) final String orderId) {
        return settle(orderId, false);
    }

    private ResponseEntity<String> settle(final String orderId, final boolean captured) {
        final DepositIntent intent = intent(orderId);
        final String paymentId = ((SandboxProvider) provider).pay(orderId, intent.getAmountPaise(), captured, webhooks,
                properties.payments().webhookSecret());
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(withIcon("""
                <!doctype html><html><head><meta charset="utf-8"><title>Sandbox checkout</title></head>
                <body><p>Payment %s %s. The exchange credits the deposit once it reconciles the provider's webhook.</p></body></html>
                """.formatted(paymentId, captured ? "captured" : "failed")));
    }

    @GetMapping(value = "/payouts/{withdrawalId}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Sandbox only: RazorpayX's side of a withdrawal's payout, with Process, Fail and Reverse")
    public ResponseEntity<?> payoutPage(@PathVariable @Pattern(regexp = WITHDRAWAL_ID) final String withdrawalId,
            final HttpServletRequest http) {
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.WITHDRAWALS.name(), owner(withdrawalId), http, () -> {
            final WithdrawalSnapshot withdrawal = payout(withdrawalId);
            final String actions = Stream.of("processed", "failed", "reversed").map(status -> """
                    <form method="post" action="%s/%s"><button type="submit">Mark %s</button></form>
                    """.formatted(PAYOUTS_PATH + "/" + withdrawalId, status, status)).collect(Collectors.joining());
            return withIcon("""
                    <!doctype html><html><head><meta charset="utf-8"><title>Sandbox payout</title></head>
                    <body><h1>Sandbox payout</h1><p>Payout %s of ₹%s by %s: %s</p>%s
                    <p>No money moves: this is the embedded default's pretend payout provider.</p></body></html>
                    """.formatted(withdrawal.getProviderPayoutId(), Money.format(withdrawal.getAmountPaise()), withdrawal.getPayoutMode(),
                    withdrawal.getStatus().name().toLowerCase(java.util.Locale.ROOT), actions));
        });
    }

    @PostMapping(value = "/payouts/{withdrawalId}/{status}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Sandbox only: settle the payout; RazorpayX's signed payout.processed, payout.failed or payout.reversed "
            + "webhook follows")
    public ResponseEntity<?> settlePayout(@PathVariable @Pattern(regexp = WITHDRAWAL_ID) final String withdrawalId,
            @PathVariable @Pattern(regexp = "processed|failed|reversed") final String status, final HttpServletRequest http) {
        // Forwarded (as a POST with an empty body) to the node that owns the withdrawal, which sends the webhook.
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.WITHDRAWALS.name(), owner(withdrawalId), http, Map.of(), () -> {
            final WithdrawalSnapshot withdrawal = payout(withdrawalId);
            ((SandboxProvider) provider).settle(withdrawal.getProviderPayoutId(), new PaymentProvider.Payout(withdrawalId,
                    withdrawal.getProviderAccountId(), withdrawal.getAmountPaise(), withdrawal.getPayoutMode()), status, webhooks,
                    properties.payments().webhookSecret());
            return withIcon("""
                    <!doctype html><html><head><meta charset="utf-8"><title>Sandbox payout</title></head>
                    <body><p>Payout %s %s. The exchange settles the withdrawal once it reconciles the webhook.</p></body></html>
                    """.formatted(withdrawal.getProviderPayoutId(), status));
        });
    }

    private static String withIcon(final String html) {
        return html.replace("<head>", "<head>" + ICON);
    }

    /** The user whose partition holds {@code withdrawalId}, which its id names; 404 on a node without the sandbox. */
    private String owner(final String withdrawalId) {
        if (!(provider instanceof SandboxProvider)) {
            throw ApiException.notFound("NOT_FOUND", "This node does not run the sandbox provider");
        }
        return WithdrawalIds.userOf(withdrawalId).orElseThrow(() -> ApiException.notFound("UNKNOWN_PAYOUT",
                "No payout for withdrawal " + withdrawalId));
    }

    /** The withdrawal as the portfolio keeps it, once its payout is created: what the page shows and settles. */
    private WithdrawalSnapshot payout(final String withdrawalId) {
        final String userId = owner(withdrawalId);
        return PortfolioQueries.withdrawals(reads.store(TopologyRunner.PORTFOLIO, PortfolioNames.WITHDRAWALS.name()), userId).stream()
                .filter(w -> w.getWithdrawalId().equals(withdrawalId) && w.getProviderPayoutId() != null).findFirst()
                .orElseThrow(() -> ApiException.notFound("UNKNOWN_PAYOUT", "No payout for withdrawal " + withdrawalId + " (yet)"));
    }

    private DepositIntent intent(final String orderId) {
        if (!(provider instanceof SandboxProvider)) {
            throw ApiException.notFound("NOT_FOUND", "This node does not run the sandbox provider");
        }
        final ReadOnlyKeyValueStore<String, DepositIntent> intents = reads.store(TopologyRunner.PORTFOLIO,
                PortfolioNames.DEPOSIT_INTENTS_GLOBAL);
        final DepositIntent intent = intents.get(orderId);
        if (intent == null) {
            throw ApiException.notFound("UNKNOWN_PROVIDER_ORDER", "No deposit intent for order " + orderId + " (yet)");
        }
        return intent;
    }
}
