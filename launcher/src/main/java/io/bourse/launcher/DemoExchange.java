package io.bourse.launcher;

import io.bourse.launcher.mail.MailOutboxController;
import io.bourse.launcher.sim.ExchangeSeeder;
import io.bourse.launcher.sim.MarketSimulator;
import io.bourse.launcher.sim.StartupSeeding;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The launcher's additions to a node: the exchange's seeding (instruments, the admin, the demo
 * trader), the market simulator whose bots keep the books alive ({@code bourse.simulator.*}), and
 * the mail outbox of the embedded mail server when {@link LocalCluster} started one.
 */
@Configuration(proxyBeanMethods = false)
@Import({ExchangeSeeder.class, MarketSimulator.class, StartupSeeding.class, MailOutboxController.class})
public class DemoExchange {
}
