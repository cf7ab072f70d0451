package io.bourse.edge.payments;

import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.schemas.catalogue.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment provider the node is configured with and the webhook intake for it. */
@Configuration
public class PaymentsConfiguration {

    @Bean
    PaymentProvider paymentProvider(final BourseProperties properties) {
        final String name = properties.payments().provider();
        if (SandboxProvider.NAME.equals(name)) {
            return new SandboxProvider();
        }
        throw new IllegalStateException("bourse.payments.provider=" + name + " is not available: this build has the "
                + SandboxProvider.NAME + " provider only (the Razorpay client is not written yet)");
    }

    @Bean
    WebhookIntake webhookIntake(final PaymentProvider provider, final BourseProperties properties, final CommandPublisher publisher,
            final Clock clock, final MeterRegistry meters) {
        return new WebhookIntake(provider.name(), properties.payments().webhookSecret(),
                report -> publisher.send(Topics.PAYMENTS_PROVIDER_REPORTS, report.getProviderPaymentId(), report).join(), clock, meters);
    }
}
