package io.bourse.launcher.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.testing.broker.TopicReader;
import io.bourse.tools.audit.AuditMain;
import io.bourse.tools.audit.Backlog;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.launcher.sim.ExchangeSeeder;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.context.ConfigurableApplicationContext;

/** What both failover tests share: how a node joins the test cluster, its traders, and the checks at the end. */
final class FailoverSupport {

    static final String JWT_SECRET = "failover-tests-share-this-secret-of-32-bytes";

    private FailoverSupport() {
    }

    /** The arguments of a node joining the cluster at {@code bootstrap}, its simulator off, seeding allowed. */
    static List<String> nodeArguments(final String bootstrap, final String registry, final Path dataDir, final int port,
            final String... more) {
        final List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--bourse.data-dir=" + dataDir,
                "--bourse.kafka.bootstrap-servers=" + bootstrap,
                "--bourse.kafka.schema-registry-url=" + registry,
                "--bourse.simulator.enabled=false",
                "--bourse.streams.advertised-host-port=localhost:" + port,
                "--bourse.security.jwt-secret=" + JWT_SECRET,
                "--bourse.payments.webhook-secret=failover-webhook-secret",
                // Seed deposits credit the test's traders: a throwaway cluster only.
                "--bourse.security.allow-demo-accounts=true"));
        args.addAll(List.of(more));
        return args;
    }

    static boolean running(final ConfigurableApplicationContext node) {
        final var all = node.getBean(TopologyRunner.class).all();
        return !all.isEmpty() && all.values().stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING);
    }

    /**
     * Lists the instruments and registers {@code count} funded, KYC-approved traders holding every instrument, through
     * {@code node}'s own seeding paths, each among the candidate e-mail addresses {@code wanted} accepts; returns their ids.
     */
    static List<String> seedTraders(final ConfigurableApplicationContext node, final int count, final Predicate<String> wanted) {
        final ExchangeSeeder seeder = node.getBean(ExchangeSeeder.class);
        seeder.seedExchange();
        final List<String> users = new ArrayList<>();
        for (int i = 0; users.size() < count; i++) {
            assertThat(i).as("candidate traders tried").isLessThan(1_000);
            final String email = "failover" + i + "@example.com";
            if (wanted.test(email)) {
                users.add(seeder.trader(email, "failover-trader-password-" + i, "Failover " + i, 1_000_000_000_000L, 10_000_000));
            }
        }
        return users;
    }

    /** Waits until every topology has processed everything written so far. */
    static void awaitQuiet(final String bootstrap, final String registry, final Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> Backlog.of(bootstrap, registry).isEmpty());
    }

    /** Runs the audit that {@code ./bourse audit} runs and prints its report; returns its violations and skipped records. */
    static AuditMain.Report audit(final String bootstrap, final String registry) {
        final List<String> report = new ArrayList<>();
        final AuditMain.Report result = AuditMain.audit(bootstrap, registry, report::add);
        report.forEach(System.out::println);
        return result;
    }

    /** Every dead letter: a valid command the exchange dropped, since the tests write nothing else. */
    static List<String> deadLetters(final String bootstrap, final String registry) {
        final List<String> deadLetters = new ArrayList<>();
        TopicReader.readToEnd(bootstrap, Topics.DEAD_LETTERS.name(),
                Topics.DEAD_LETTERS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry)).deserializer(),
                r -> deadLetters.add("%s %s-%d@%d: %s".formatted(r.value().getErrorCode(), r.value().getSourceTopic(),
                        r.value().getSourcePartition(), r.value().getSourceOffset(), r.value().getErrorMessage())));
        return deadLetters;
    }
}
