package io.bourse.edge.payments;

import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.schemas.catalogue.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment provider the node is configured with and the webhook intake for it (payments and payouts). */
@Configuration
public class PaymentsConfiguration {

    @Bean
    PaymentProvider paymentProvider(final BourseProperties properties) {
        final String name = properties.payments().provider();
        if (SandboxProvider.NAME.equals(name)) {
            return new SandboxProvider();
        }
        if (RazorpayProvider.NAME.equals(name)) {
            final BourseProperties.Razorpay account = properties.payments().razorpay();
            if (blank(account.keyId()) || blank(account.keySecret())) {
                throw new IllegalStateException("bourse.payments.provider=razorpay needs BOURSE_RAZORPAY_KEY_ID and "
                        + "BOURSE_RAZORPAY_KEY_SECRET");
            }
            return new RazorpayProvider(new RazorpayClient(account.baseUrl(), account.keyId(), account.keySecret()), account.keyId(),
                    account.payoutAccountNumber());
        }
        throw new IllegalStateException("bourse.payments.provider must be " + SandboxProvider.NAME + " or " + RazorpayProvider.NAME
                + ", not " + name);
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }

    @Bean
    WebhookIntake webhookIntake(final PaymentProvider provider, final BourseProperties properties, final CommandPublisher publisher,
            final Clock clock, final MeterRegistry meters) {
        final WebhookIntake.PaymentConfirmation confirmation = provider instanceof RazorpayProvider razorpay
                && properties.payments().razorpay().confirmPayments() ? razorpay.confirmation() : null;
        final WebhookIntake.PayoutConfirmation payoutConfirmation = provider instanceof RazorpayProvider razorpay
                && properties.payments().razorpay().confirmPayouts() ? razorpay.payoutConfirmation() : null;
        return new WebhookIntake(provider.name(), properties.payments().webhookSecret(),
                report -> publisher.send(Topics.PAYMENTS_PROVIDER_REPORTS, report.getProviderPaymentId(), report).join(), clock, meters,
                confirmation, (userId, payout) -> publisher.send(Topics.PAYMENTS_COMMANDS, userId, payout).join(), payoutConfirmation);
    }
}
