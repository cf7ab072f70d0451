package io.bourse.edge.api;

import io.bourse.avro.payments.DepositIntent;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.payments.PaymentProvider;
import io.bourse.edge.payments.RazorpayProvider;
import io.bourse.edge.payments.SandboxProvider;
import io.bourse.portfolio.topology.PortfolioQueries;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checkout page of a deposit, served by the node to the intent's owner: the web UI's deposit
 * button opens it in a new tab. With {@code razorpay} it opens Razorpay Checkout for the intent's
 * provider order, amount and currency with the public key id, and returns to the account page when
 * Checkout closes; with the {@code sandbox} it redirects to the sandbox's hosted checkout page. Which
 * intent, and whose, comes from the portfolio's {@code deposit-intents} store, read under the signed-in
 * user's id: another user's intent is as unknown as one that does not exist (404).
 *
 * <p>The page is the only one whose content security policy lets Razorpay's script, frames and API
 * calls in ({@code CHECKOUT_POLICY} of the security configuration). A browser cannot send a bearer
 * header when it opens a page, so the UI posts the access token as the form field {@code access_token}
 * (RFC 6750, section 2.2), which only this path accepts; API clients may use a GET with the header.
 */
@RestController
@RequestMapping(PaymentCheckoutController.PATH)
@Tag(name = "Payments")
public class PaymentCheckoutController {

    public static final String PATH = "/api/v1/payments/checkout";
    /** Where Checkout returns to: the web UI, whose account card shows the deposit. */
    static final String RETURN_TO = "/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The intent as the page needs it. */
    record CheckoutIntent(String intentId, String providerOrderId, long amountPaise, String currency, String status) {
    }

    private final PaymentProvider provider;
    private final StoreReads reads;

    public PaymentCheckoutController(final PaymentProvider provider, final StoreReads reads) {
        this.provider = provider;
        this.reads = reads;
    }

    @RequestMapping(value = "/{intentId}", method = {RequestMethod.GET, RequestMethod.POST}, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The checkout page of one of your deposit intents: Razorpay Checkout, or a redirect to the sandbox's page")
    public ResponseEntity<String> page(@PathVariable @Pattern(regexp = "dep-[0-9a-f-]{36}") final String intentId,
            final HttpServletRequest http) {
        final CheckoutIntent intent = intent(CurrentUser.id(), intentId, http);
        if ("CREDITED".equals(intent.status())) {
            return html(page("Deposit credited", "<p>This deposit of ₹" + Money.format(intent.amountPaise()) + " is already credited.</p>"
                    + "<p><a href=\"" + RETURN_TO + "\">Back to your account</a></p>", ""));
        }
        if (provider instanceof SandboxProvider) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create(SandboxCheckoutController.PATH + "/" + intent.providerOrderId())).build();
        }
        if (provider instanceof RazorpayProvider razorpay) {
            return html(razorpayPage(razorpay.keyId(), intent));
        }
        throw ApiException.notFound("NOT_FOUND", "Provider " + provider.name() + " has no checkout page");
    }

    /** The page that opens Razorpay Checkout; its script, {@code /app/checkout.js}, reads what to open from the data attributes. */
    static String razorpayPage(final String keyId, final CheckoutIntent intent) {
        final String amount = Money.format(intent.amountPaise());
        return page("Pay ₹" + amount, """
                <main id="checkout" data-key-id="%s" data-order-id="%s" data-amount="%d" data-currency="%s" data-intent-id="%s"
                    data-return-url="%s">
                <h1>Deposit ₹%s</h1>
                <p>Razorpay's checkout opens for order %s. Your balance is credited once Razorpay confirms the payment.</p>
                <p><button id="pay" type="button">Pay ₹%s with Razorpay</button></p>
                <p id="checkout-status" aria-live="polite"></p>
                <p><a href="%s">Back to your account</a></p></main>
                """.formatted(esc(keyId), esc(intent.providerOrderId()), intent.amountPaise(), esc(intent.currency()),
                esc(intent.intentId()), RETURN_TO, amount, esc(intent.providerOrderId()), amount, RETURN_TO),
                "<script src=\"https://checkout.razorpay.com/v1/checkout.js\" defer></script>"
                        + "<script src=\"/app/checkout.js\" defer></script>");
    }

    private static String page(final String title, final String body, final String scripts) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s · Bourse</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">%s%s</head>
                <body>%s</body></html>
                """.formatted(esc(title), SandboxCheckoutController.ICON, scripts, body);
    }

    private static String esc(final String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    private static ResponseEntity<String> html(final String page) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(page);
    }

    /** The user's own intent {@code intentId}, from this node's store or, when another node owns the user, from that node. */
    private CheckoutIntent intent(final String userId, final String intentId, final HttpServletRequest http) {
        final Optional<ResponseEntity<byte[]>> remote = reads.getFromOwner(TopologyRunner.PORTFOLIO, PortfolioNames.DEPOSIT_INTENTS.name(),
                userId, "/api/v1/payments/" + intentId, http);
        if (remote.isPresent()) {
            final int status = remote.get().getStatusCode().value();
            if (status == 404) {
                throw unknown(intentId);
            }
            if (status != 200) {
                throw ApiException.unavailable("The node holding your deposits answered " + status + "; retry shortly");
            }
            final JsonNode view = JSON.readTree(remote.get().getBody());
            if (!"DEPOSIT".equals(view.path("kind").asString())) {
                throw unknown(intentId);
            }
            return new CheckoutIntent(intentId, view.path("providerOrderId").asString(),
                    Money.toPaise(view.path("amount").asString(), "amount"), view.path("currency").asString(), view.path("status").asString());
        }
        final DepositIntent intent = PortfolioQueries.deposits(reads.store(TopologyRunner.PORTFOLIO, PortfolioNames.DEPOSIT_INTENTS.name()),
                userId).stream().filter(d -> d.getIntentId().equals(intentId)).findFirst().orElseThrow(() -> unknown(intentId));
        return new CheckoutIntent(intentId, intent.getProviderOrderId(), intent.getAmountPaise(), intent.getCurrency(),
                intent.getStatus().name());
    }

    private static ApiException unknown(final String intentId) {
        return ApiException.notFound("UNKNOWN_DEPOSIT", "You have no deposit intent " + intentId);
    }
}
