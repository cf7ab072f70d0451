package io.bourse.edge.security;

import io.bourse.edge.BourseProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node that joins a real cluster ({@code BOURSE_BOOTSTRAP_SERVERS} set) with a
 * secret or an account anyone who read the README knows: the published webhook secret, a missing or
 * published JWT secret, or the simulator's seeded demo and admin accounts. The embedded default keeps
 * its demo accounts and says so when it starts.
 */
@Component
public class SafeDefaults {

    /** The webhook secret {@code application.yml} publishes for the embedded default. */
    public static final String PUBLISHED_WEBHOOK_SECRET = "sandbox-webhook-secret";
    /** JWT secrets published in this repository's examples. */
    public static final Set<String> PUBLISHED_JWT_SECRETS = Set.of("change-me-to-32-or-more-random-bytes-in-production");

    private static final Logger LOG = LoggerFactory.getLogger(SafeDefaults.class);

    public SafeDefaults(final BourseProperties properties) {
        final List<String> problems = problems(properties);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("This node joins the cluster at " + properties.kafka().bootstrapServers()
                    + " with published defaults; refusing to start:\n  - " + String.join("\n  - ", problems));
        }
        if (properties.kafka().embedded()) {
            LOG.warn("Embedded default: the demo trader and the admin are seeded with the passwords the README publishes, and "
                    + "webhooks verify against the published sandbox secret. Never expose this node beyond your machine.");
        } else if (properties.security().allowDemoAccounts() && properties.simulator().enabled()) {
            LOG.warn("bourse.security.allow-demo-accounts is set: this cluster node seeds the published demo and admin accounts");
        }
    }

    /** What makes {@code properties} unsafe for a node joining a cluster; empty for the embedded default. */
    public static List<String> problems(final BourseProperties properties) {
        final List<String> problems = new ArrayList<>();
        if (properties.kafka().embedded()) {
            return problems;
        }
        final String webhookSecret = properties.payments().webhookSecret();
        if (webhookSecret == null || webhookSecret.isBlank() || PUBLISHED_WEBHOOK_SECRET.equals(webhookSecret)) {
            problems.add("set BOURSE_WEBHOOK_SECRET (bourse.payments.webhook-secret) to the provider's webhook secret, "
                    + "not the published sandbox one");
        }
        final String jwtSecret = properties.security().jwtSecret();
        if (jwtSecret == null || jwtSecret.isBlank() || PUBLISHED_JWT_SECRETS.contains(jwtSecret)) {
            problems.add("set BOURSE_JWT_SECRET (bourse.security.jwt-secret) to 32 or more random bytes, the same on every node");
        }
        if (properties.simulator().enabled() && !properties.security().allowDemoAccounts()) {
            problems.add("set BOURSE_SIMULATOR=false: the simulator seeds the demo trader and the admin with published passwords "
                    + "(create the first admin with BOURSE_ADMIN_EMAIL and BOURSE_ADMIN_PASSWORD instead)");
        }
        final String adminPassword = properties.security().initialAdminPassword();
        if (properties.security().initialAdminEmail() != null && !properties.security().initialAdminEmail().isBlank()
                && (adminPassword == null || adminPassword.length() < 12)) {
            problems.add("BOURSE_ADMIN_PASSWORD must be set, 12 characters or more, when BOURSE_ADMIN_EMAIL is");
        }
        return problems;
    }
}
