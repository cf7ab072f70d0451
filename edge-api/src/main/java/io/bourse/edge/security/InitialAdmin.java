package io.bourse.edge.security;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.Commands;
import io.bourse.schemas.catalogue.UserIds;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Registers the first admin of a cluster from configuration ({@code BOURSE_ADMIN_EMAIL},
 * {@code BOURSE_ADMIN_PASSWORD}) when the node is up. Registration is keyed by the address, so every
 * node may try: the first registers it, the others are refused as already registered, and a changed
 * password in the configuration changes nothing (change it through the API).
 */
@Component
public class InitialAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BourseProperties properties;
    private final Commands commands;
    private final PasswordEncoder passwords;

    public InitialAdmin(final BourseProperties properties, final Commands commands, final PasswordEncoder passwords) {
        this.properties = properties;
        this.commands = commands;
        this.passwords = passwords;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        final String email = properties.security().initialAdminEmail();
        if (email == null || email.isBlank()) {
            if (!properties.kafka().embedded()) {
                LOG.info("No BOURSE_ADMIN_EMAIL configured: no admin is registered by this node");
            }
            return;
        }
        final Thread thread = new Thread(() -> registerNow(email), "bourse-initial-admin");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerNow(final String email) {
        final String userId = UserIds.forEmail(email);
        try {
            final Optional<AccountEvent> answer = commands.account(userId, RegisterAccountCommand.newBuilder().setEmail(email)
                    .setPasswordHash(passwords.encode(properties.security().initialAdminPassword())).setDisplayName("Exchange admin")
                    .setRole(AccountRole.ADMIN).build(), WAIT);
            LOG.info("Initial admin {}: {}", email, answer.map(e -> e.getType() + (e.getReasonCode() == null ? ""
                    : " " + e.getReasonCode())).orElse("no answer yet"));
        } catch (final RuntimeException e) {
            LOG.warn("Registering the initial admin {} failed; it is retried at the next start: {}", email, e.toString());
        }
    }
}
