package io.bourse.launcher;

import io.bourse.launcher.sim.ExchangeSeeder;
import io.bourse.launcher.sim.MarketSimulator;
import io.bourse.launcher.sim.StartupSeeding;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The launcher's additions to a node: the exchange's seeding (instruments, the admin, the demo
 * trader) and the market simulator whose bots keep the books alive ({@code bourse.simulator.*}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ExchangeSeeder.class, MarketSimulator.class, StartupSeeding.class})
public class DemoExchange {
}
