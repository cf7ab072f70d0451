package io.bourse.edge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.edge.BourseProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SafeDefaultsTest {

    private static final String JWT = "a-real-cluster-secret-of-32-bytes-at-least";

    private static BourseProperties node(final String bootstrap, final String jwt, final String webhook, final boolean simulator,
            final boolean allowDemo, final String adminEmail, final String adminPassword) {
        return new BourseProperties(null, null, new BourseProperties.Kafka(bootstrap, null, null, 9092, 8081, null, null, null), null,
                null, new BourseProperties.Security(jwt, Duration.ofMinutes(15), Duration.ofDays(7), adminEmail, adminPassword,
                        allowDemo), new BourseProperties.Simulator(simulator, 20, 42L),
                new BourseProperties.Payments("sandbox", webhook, null), null, null, null);
    }

    @Test
    void shouldLetTheEmbeddedDefaultKeepItsPublishedDefaults() {
        assertThat(SafeDefaults.problems(node(null, null, SafeDefaults.PUBLISHED_WEBHOOK_SECRET, true, false, null, null))).isEmpty();
        assertThat(SafeDefaults.problems(node("", null, SafeDefaults.PUBLISHED_WEBHOOK_SECRET, true, false, null, null))).isEmpty();
    }

    @Test
    void shouldRefuseAClusterNodeWithPublishedSecretsOrDemoAccounts() {
        final BourseProperties unsafe = node("kafka-1:9092", null, SafeDefaults.PUBLISHED_WEBHOOK_SECRET, true, false, null, null);

        assertThat(SafeDefaults.problems(unsafe)).hasSize(3).anySatisfy(p -> assertThat(p).contains("BOURSE_WEBHOOK_SECRET"))
                .anySatisfy(p -> assertThat(p).contains("BOURSE_JWT_SECRET")).anySatisfy(p -> assertThat(p).contains("BOURSE_SIMULATOR"));
        assertThatThrownBy(() -> new SafeDefaults(unsafe)).isInstanceOf(IllegalStateException.class).hasMessageContaining("refusing");
        assertThat(SafeDefaults.problems(node("kafka-1:9092", "change-me-to-32-or-more-random-bytes-in-production", "w", false, false,
                null, null))).singleElement().asString().contains("BOURSE_JWT_SECRET");
        assertThat(SafeDefaults.problems(node("kafka-1:9092", JWT, "w", false, false, "root@exchange.example", "short")))
                .singleElement().asString().contains("BOURSE_ADMIN_PASSWORD");
    }

    @Test
    void shouldStartAClusterNodeConfiguredWithItsOwnSecretsAndAdmin() {
        assertThat(SafeDefaults.problems(node("kafka-1:9092", JWT, "the-providers-webhook-secret", false, false,
                "root@exchange.example", "a-long-admin-password"))).isEmpty();
        assertThat(SafeDefaults.problems(node("kafka-1:9092", JWT, "the-providers-webhook-secret", true, true, null, null))).isEmpty();
    }
}
