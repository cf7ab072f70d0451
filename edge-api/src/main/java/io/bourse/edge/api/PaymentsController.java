package io.bourse.edge.api;

import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.payments.PayoutDestination;
import io.bourse.avro.payments.PayoutDestinationKind;
import io.bourse.avro.portfolio.WithdrawalSnapshot;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.payments.PaymentOutcomes;
import io.bourse.edge.payments.PaymentProvider;
import io.bourse.edge.payments.PayoutDestinations;
import io.bourse.edge.payments.PayoutDispatcher;
import io.bourse.edge.payments.RazorpayWebhook;
import io.bourse.edge.payments.SandboxProvider;
import io.bourse.edge.payments.WebhookIntake;
import io.bourse.edge.payments.WithdrawalIds;
import io.bourse.portfolio.topology.PortfolioQueries;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deposits and withdrawals through a payment provider. A deposit starts as an intent (the portfolio
 * records it with the provider order created for it); only the provider's signed webhook about a
 * payment for that order credits it, with the intent's user and amount, once per provider payment id
 * (reconciled in the portfolio, not here). A withdrawal pays out to a destination the user registered
 * once (a bank account or a UPI VPA, kept by the portfolio): the portfolio reserves the amount, the
 * {@link PayoutDispatcher} creates the provider's payout, and only the provider's signed payout
 * webhook, reconciled against the withdrawal, debits the reserve or releases it. The {@code sandbox}
 * provider (the embedded default) sends those signed webhooks itself: at once, or from its hosted
 * checkout and payout pages.
 */
@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
public class PaymentsController {

    public static final String SIGNATURE_HEADER = RazorpayWebhook.SIGNATURE_HEADER;
    private static final Logger LOG = LoggerFactory.getLogger(PaymentsController.class);
    private static final String INR = "INR";

    /**
     * @param checkout with the sandbox provider: {@code true} leaves the payment to its hosted checkout page (pay or fail,
     *     as a customer would); otherwise the sandbox pays at once
     */
    public record DepositRequest(@NotNull @Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?") String amount, Boolean checkout) {
    }

    /**
     * @param destinationId a destination from {@code POST /payments/destinations}
     * @param checkout with the sandbox provider: {@code true} leaves the payout to its payout page (process, fail or reverse);
     *     otherwise the sandbox processes it at once
     */
    public record WithdrawalRequest(@NotNull @Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?") String amount,
            @NotNull @Pattern(regexp = "dst_[0-9a-f]{20}") String destinationId, Boolean checkout) {
    }

    /**
     * A payout destination: {@code type} {@code BANK_ACCOUNT} with {@code accountHolderName}, {@code ifsc} and
     * {@code accountNumber}, or {@code VPA} with {@code vpa}.
     */
    public record DestinationRequest(@NotNull String type, @Size(max = 200) String accountHolderName, @Size(max = 40) String ifsc,
            @Size(max = 40) String accountNumber, @Size(max = 200) String vpa) {
    }

    /** A payout destination as the user sees it: never the whole account number. */
    public record DestinationView(String destinationId, String type, String accountHolderName, String ifsc, String accountNumberLast4,
            String vpa, String provider, String createdAt) {
    }

    /** One deposit or withdrawal as the user sees it; for a withdrawal, {@code providerPaymentId} is the payout id. */
    public record PaymentView(String id, String kind, String status, String amount, String currency, String provider,
            String providerOrderId, String providerPaymentId, String reason, String createdAt, String updatedAt, String destinationId) {
    }

    private final CommandPublisher publisher;
    private final BourseProperties properties;
    private final Clock clock;
    private final PaymentProvider provider;
    private final WebhookIntake webhooks;
    private final PaymentOutcomes outcomes;
    private final StoreReads reads;

    public PaymentsController(final CommandPublisher publisher, final BourseProperties properties, final Clock clock,
            final PaymentProvider provider, final WebhookIntake webhooks, final PaymentOutcomes outcomes, final StoreReads reads) {
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.provider = provider;
        this.webhooks = webhooks;
        this.outcomes = outcomes;
        this.reads = reads;
    }

    @PostMapping("/deposits")
    @Operation(summary = "Start a deposit: a provider order and a deposit intent; credited when the provider confirms payment")
    public ResponseEntity<Map<String, Object>> deposit(@Valid @RequestBody final DepositRequest request) {
        final String userId = CurrentUser.id();
        final long paise = Money.toPaise(request.amount(), "amount");
        final String intentId = "dep-" + UUID.randomUUID();
        final PaymentProvider.ProviderOrder order = provider.createOrder(intentId, paise, INR);
        final CompletableFuture<PaymentEvent> verdict = outcomes.expect(userId, intentId);
        send(userId, command(userId, PaymentCommandType.CREATE_DEPOSIT_INTENT, paise).setIntentId(intentId)
                .setProviderOrderId(order.orderId()));
        final Optional<PaymentEvent> recorded = outcomes.await(verdict, properties.orders().placeWait());
        if (recorded.isPresent() && recorded.get().getType() == PaymentEventType.DEPOSIT_REJECTED) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, recorded.get().getReason(), "The deposit was refused");
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("intentId", intentId);
        body.put("provider", provider.name());
        body.put("providerOrderId", order.orderId());
        body.put("amount", Money.format(paise));
        body.put("currency", INR);
        if (order.keyId() != null) {
            body.put("keyId", order.keyId());
        }
        body.put("status", recorded.isPresent() ? "OPEN" : "PENDING");
        if (provider instanceof SandboxProvider sandbox) {
            if (Boolean.TRUE.equals(request.checkout())) {
                body.put("checkoutUrl", SandboxCheckoutController.PATH + "/" + order.orderId());
            } else {
                body.put("paymentId", sandbox.pay(order.orderId(), paise, true, webhooks, properties.payments().webhookSecret()));
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @PostMapping("/webhook/{provider}")
    @Operation(summary = "Provider webhook (payment.captured, order.paid, payment.failed); refused unless its signature verifies")
    public ResponseEntity<Map<String, Object>> webhook(@PathVariable final String provider,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) final String signature, final HttpServletRequest http)
            throws java.io.IOException {
        // Read at most one byte past the limit, so an oversize body is refused without being buffered whole.
        final byte[] body = http.getInputStream().readNBytes(RazorpayWebhook.MAX_BYTES + 1);
        return ResponseEntity.ok(Map.of("status", webhooks.accept(provider, body, signature)));
    }

    @PostMapping("/destinations")
    @Operation(summary = "Register a payout destination (a bank account with IFSC, or a UPI VPA) with the provider; "
            + "the same details again give the same destination")
    public ResponseEntity<DestinationView> registerDestination(@Valid @RequestBody final DestinationRequest request) {
        final String userId = CurrentUser.id();
        final PaymentProvider.Destination details = PayoutDestinations.check(request.type(), request.accountHolderName(), request.ifsc(),
                request.accountNumber(), request.vpa());
        final String destinationId = PayoutDestinations.idOf(userId, details);
        final String accountId = provider.registerDestination(userId, details);
        final String number = details.accountNumber();
        final PayoutDestination destination = PayoutDestination.newBuilder().setDestinationId(destinationId).setUserId(userId)
                .setKind(details.isVpa() ? PayoutDestinationKind.VPA : PayoutDestinationKind.BANK_ACCOUNT).setProvider(provider.name())
                .setProviderAccountId(accountId).setAccountHolderName(details.holderName()).setIfsc(details.ifsc())
                .setAccountNumberLast4(number == null ? null : number.substring(number.length() - 4)).setVpa(details.vpa())
                .setCreatedAtMs(Instant.now(clock)).build();
        final CompletableFuture<PaymentEvent> verdict = outcomes.expect(userId, destinationId);
        send(userId, command(userId, PaymentCommandType.REGISTER_DESTINATION, 0).setDestinationId(destinationId)
                .setDestination(destination));
        outcomes.await(verdict, properties.orders().placeWait());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(destination));
    }

    @GetMapping("/destinations")
    @Operation(summary = "Your payout destinations, oldest first")
    public ResponseEntity<?> destinations(final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.PAYOUT_DESTINATIONS.name(), userId, http,
                () -> PortfolioQueries.destinations(reads.store(TopologyRunner.PORTFOLIO, PortfolioNames.PAYOUT_DESTINATIONS.name()),
                        userId).stream().map(PaymentsController::view).toList());
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Request a withdrawal to one of your destinations; 422 with the reason when refused, else the amount "
            + "stays reserved until the provider's payout is processed (debited) or fails or is reversed (released)")
    public ResponseEntity<Map<String, Object>> withdraw(@Valid @RequestBody final WithdrawalRequest request) {
        final String userId = CurrentUser.id();
        final long paise = Money.toPaise(request.amount(), "amount");
        final String withdrawalId = WithdrawalIds.next(userId).orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                "WITHDRAWAL_NOT_SUPPORTED", "This account cannot withdraw"));
        final boolean toThePage = provider instanceof SandboxProvider && Boolean.TRUE.equals(request.checkout());
        if (provider instanceof SandboxProvider sandbox && !toThePage) {
            sandbox.processAtOnce(withdrawalId);
        }
        final CompletableFuture<PaymentEvent> verdict = outcomes.expect(userId, withdrawalId);
        send(userId, command(userId, PaymentCommandType.REQUEST_WITHDRAWAL, paise).setWithdrawalId(withdrawalId)
                .setDestinationId(request.destinationId()));
        final Optional<PaymentEvent> decided = outcomes.await(verdict, properties.orders().placeWait());
        if (decided.isPresent() && decided.get().getType() == PaymentEventType.WITHDRAWAL_REFUSED) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, decided.get().getReason(),
                    "The withdrawal of " + Money.format(paise) + " was refused");
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("withdrawalId", withdrawalId);
        body.put("amount", Money.format(paise));
        body.put("destinationId", request.destinationId());
        body.put("status", decided.isPresent() ? "PENDING" : "REQUESTED");
        if (toThePage) {
            body.put("payoutPageUrl", SandboxCheckoutController.PAYOUTS_PATH + "/" + withdrawalId);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private static DestinationView view(final PayoutDestination d) {
        return new DestinationView(d.getDestinationId(), d.getKind().name(), d.getAccountHolderName(), d.getIfsc(),
                d.getAccountNumberLast4(), d.getVpa(), d.getProvider(), d.getCreatedAtMs().toString());
    }

    @GetMapping
    @Operation(summary = "Your deposits and withdrawals with their state and timestamps, newest first")
    public ResponseEntity<?> list(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) final int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) final int size, final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.DEPOSIT_INTENTS.name(), userId, http, () -> {
            final List<PaymentView> all = payments(userId);
            final int from = Math.min(all.size(), page * size);
            return Map.of("page", page, "size", size, "total", all.size(), "items", all.subList(from, Math.min(all.size(), from + size)));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your deposits (intent id) or withdrawals (withdrawal id)")
    public ResponseEntity<?> one(@PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") final String id, final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.PORTFOLIO, PortfolioNames.DEPOSIT_INTENTS.name(), userId, http,
                () -> payments(userId).stream().filter(p -> p.id().equals(id)).findFirst()
                        .orElseThrow(() -> ApiException.notFound("UNKNOWN_PAYMENT", "No deposit or withdrawal " + id)));
    }

    private List<PaymentView> payments(final String userId) {
        final List<PaymentView> all = new ArrayList<>();
        for (final DepositIntent d : PortfolioQueries.deposits(
                reads.store(TopologyRunner.PORTFOLIO, PortfolioNames.DEPOSIT_INTENTS.name()), userId)) {
            all.add(new PaymentView(d.getIntentId(), "DEPOSIT", d.getStatus().name(), Money.format(d.getAmountPaise()), d.getCurrency(),
                    d.getProvider(), d.getProviderOrderId(), d.getProviderPaymentId(), d.getLastFailure(),
                    d.getCreatedAtMs().toString(), d.getUpdatedAtMs().toString(), null));
        }
        for (final WithdrawalSnapshot w : PortfolioQueries.withdrawals(
                reads.store(TopologyRunner.PORTFOLIO, PortfolioNames.WITHDRAWALS.name()), userId)) {
            all.add(new PaymentView(w.getWithdrawalId(), "WITHDRAWAL", w.getStatus().name(), Money.format(w.getAmountPaise()), INR,
                    null, null, w.getProviderPayoutId(), w.getReason(), w.getRequestedAtMs().toString(),
                    (w.getUpdatedAtMs() == null ? w.getRequestedAtMs() : w.getUpdatedAtMs()).toString(), w.getDestinationId()));
        }
        all.sort(Comparator.comparing((PaymentView p) -> Instant.parse(p.createdAt())).reversed());
        return all;
    }

    private PaymentCommand.Builder command(final String userId, final PaymentCommandType type, final long paise) {
        return PaymentCommand.newBuilder().setCommandId("pc-" + UUID.randomUUID()).setType(type).setUserId(userId)
                .setProvider(provider.name()).setIntentId(null).setProviderOrderId(null).setWithdrawalId(null)
                .setProviderPayoutId(null).setAmountPaise(paise).setCurrency(INR).setReason(null).setDestinationId(null).setDestination(null)
                .setTimestampMs(Instant.now(clock));
    }

    private void send(final String userId, final PaymentCommand.Builder command) {
        final PaymentCommand built = command.build();
        publisher.send(Topics.PAYMENTS_COMMANDS, userId, built).join();
        LOG.info("Payment command {} {} sent for {}", built.getType(), built.getCommandId(), userId);
    }

    /** Hex HMAC-SHA256 of {@code body} with {@code secret}, as Razorpay signs webhooks. */
    public static String sign(final byte[] body, final String secret) {
        return RazorpayWebhook.sign(body, secret);
    }
}
