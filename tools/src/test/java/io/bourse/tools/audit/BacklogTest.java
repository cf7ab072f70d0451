package io.bourse.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.client.HostedTopologies;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.marketdata.topology.MarketDataConfig;
import io.bourse.portfolio.topology.PortfolioConfig;
import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.serde.SerdeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backlog counts what each topology's group has not processed, and open transactions, on a real broker. */
@Tag("broker")
class BacklogTest {

    @TempDir
    static Path dir;
    private static EmbeddedInfrastructure infra;

    @BeforeAll
    static void start() throws Exception {
        infra = new EmbeddedInfrastructure(Files.createDirectories(dir.resolve("kafka")), 0, 0).start();
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void shouldReadEachTopologysInputsFromItsDescription() {
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, SchemaRegistryClients.MOCK_SCHEME + "backlog");

        assertThat(Backlog.sourceTopics(HostedTopologies.build(HostedTopologies.MATCHING, PortfolioConfig.DEFAULTS, MarketDataConfig.defaults(), serde).describe()))
                .containsExactly(Topics.MATCHING_COMMANDS.name());
        assertThat(Backlog.sourceTopics(HostedTopologies.build(HostedTopologies.PORTFOLIO, PortfolioConfig.DEFAULTS, MarketDataConfig.defaults(), serde).describe()))
                .contains(Topics.ORDERS_COMMANDS.name(), Topics.MATCHING_RESULTS.name(), Topics.ACCOUNTS_COMMANDS.name())
                .doesNotContain(Topics.INSTRUMENTS.name());
    }

    @Test
    void shouldCountRecordsPastTheCommittedOffsetAndReportOpenTransactions() throws Exception {
        final String bootstrap = infra.bootstrapServers();
        final TopicPartition commands = new TopicPartition(Topics.MATCHING_COMMANDS.name(), 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(commands.topic(), commands.partition(), "SYM", "command " + i)).get();
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.alterConsumerGroupOffsets(MatchingNames.APPLICATION_ID, Map.of(commands, new OffsetAndMetadata(3))).all().get();
        }

        assertThat(Backlog.of(bootstrap, infra.schemaRegistryUrl()))
                .filteredOn(lag -> lag.applicationId().equals(MatchingNames.APPLICATION_ID))
                .containsExactly(new Backlog.Lag(MatchingNames.APPLICATION_ID, commands, 2, false));

        final TopicPartition orders = new TopicPartition(Topics.ORDERS_COMMANDS.name(), 0);
        try (KafkaProducer<String, String> transactional = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "backlog-test"), new StringSerializer(), new StringSerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(orders.topic(), orders.partition(), "user", "not yet committed")).get();

            final List<Backlog.Lag> inFlight = Backlog.of(bootstrap, infra.schemaRegistryUrl());

            assertThat(inFlight).filteredOn(lag -> lag.partition().equals(orders))
                    .containsExactly(new Backlog.Lag(PortfolioNames.APPLICATION_ID, orders, 0, true));
            transactional.abortTransaction();
        }
        assertThat(Backlog.of(bootstrap, infra.schemaRegistryUrl())).filteredOn(lag -> lag.partition().equals(orders)).isEmpty();
    }
}
