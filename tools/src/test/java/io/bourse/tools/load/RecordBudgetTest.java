package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.embedded.EmbeddedKafkaBroker;
import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("broker")
class RecordBudgetTest {

    private static final String CHANGELOG = PortfolioNames.APPLICATION_ID + "-" + PortfolioNames.ACCOUNTS.name() + "-changelog";
    private static final String ELSEWHERE = "somebody-elses-topic";
    private static final String KEY = "user";
    private static final byte[] VALUE = new byte[10];

    @TempDir
    Path dataDir;

    @Test
    void shouldCountTheRecordsMarkersAndBytesTransactionsWroteOnTheExchangesTopicsOnly() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0, 0).start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
                RecordBudget budget = RecordBudget.forExchange(new KafkaEndpoints(broker.bootstrapServers(), "http://unused"))) {
            admin.createTopics(List.of(new NewTopic(Topics.ORDERS_EVENTS.name(), 2, (short) 1), new NewTopic(CHANGELOG, 1, (short) 1),
                    new NewTopic(ELSEWHERE, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            final RecordBudget.Mark before = budget.mark();

            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "record-budget-test"), new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.initTransactions();
                for (int transaction = 0; transaction < 3; transaction++) {
                    producer.beginTransaction();
                    for (int i = 0; i < 5; i++) {
                        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), 0, KEY, VALUE));
                        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), 1, KEY, VALUE));
                    }
                    producer.send(new ProducerRecord<>(CHANGELOG, KEY, VALUE));
                    producer.send(new ProducerRecord<>(CHANGELOG, KEY, VALUE));
                    producer.send(new ProducerRecord<>(ELSEWHERE, KEY, VALUE));
                    producer.commitTransaction();
                }
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(CHANGELOG, KEY, VALUE));
                producer.flush();
                producer.abortTransaction();
            }
            final RecordBudget.Table table = budget.since(before, 10);

            final long payload = KEY.length() + VALUE.length;
            final RecordBudget.Row events = table.row(Topics.ORDERS_EVENTS.name());
            assertThat(events.records()).isEqualTo(30);
            assertThat(events.markers()).as("three commits, each marking both partitions").isEqualTo(6);
            assertThat(events.payloadBytes()).isEqualTo(30 * payload);
            assertThat(events.logBytes()).isGreaterThan(events.payloadBytes());
            final RecordBudget.Row changelog = table.row(CHANGELOG);
            assertThat(changelog.records()).as("an aborted record still takes its place in the log").isEqualTo(7);
            assertThat(changelog.markers()).as("three commits and an abort").isEqualTo(4);
            assertThat(table.rows()).extracting(RecordBudget.Row::topic).doesNotContain(ELSEWHERE)
                    .contains("__transaction_state");
            assertThat(table.total().records()).isGreaterThan(37);
        }
    }

    @Test
    void shouldReachTheClusterWithItsClientSettings() {
        // SASL without a login configuration: a client that takes the cluster's settings cannot even be made.
        final KafkaEndpoints secured = new KafkaEndpoints("localhost:9", "http://unused",
                Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN"), null);

        assertThatThrownBy(() -> RecordBudget.forExchange(secured)).hasStackTraceContaining("JAAS");
    }

    @Test
    void shouldCountTheCatalogueTheNodesInternalTopicsAndTheTransactionTopics() {
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(RecordBudget.exchangeTopic(topic.name())).isTrue());
        assertThat(RecordBudget.exchangeTopic(PortfolioNames.APPLICATION_ID + "-" + PortfolioNames.ACCOUNTS.name() + "-changelog"))
                .isTrue();
        assertThat(RecordBudget.exchangeTopic(MatchingNames.APPLICATION_ID + "-" + MatchingNames.RESTING_ORDERS.name() + "-changelog"))
                .isTrue();
        assertThat(RecordBudget.exchangeTopic(NotificationsNames.APPLICATION_ID + "-" + NotificationsNames.INBOX.name() + "-changelog"))
                .as("the notifications topology runs in the node too").isTrue();
        assertThat(RecordBudget.exchangeTopic("__consumer_offsets")).isTrue();
        assertThat(RecordBudget.exchangeTopic("__transaction_state")).isTrue();
    }

    @Test
    void shouldLeaveOutTopicsTheExchangeDoesNotWrite() {
        assertThat(RecordBudget.exchangeTopic(RelayNames.MID)).isFalse();
        assertThat(RecordBudget.exchangeTopic(RelayNames.RESERVE_APPLICATION_ID + "-x-changelog")).isFalse();
        assertThat(RecordBudget.exchangeTopic(Topics.SCHEMAS)).isFalse();
        assertThat(RecordBudget.exchangeTopic(PortfolioNames.APPLICATION_ID + "-somewhere")).isFalse();
    }

    @Test
    void shouldWriteItsTablesBesideTheRunsCsv() {
        assertThat(RecordBudget.besideCsv("/tmp/results.csv", "budget")).isEqualTo(Path.of("/tmp/results-budget.csv"));
        assertThat(RecordBudget.besideCsv("results", "relay")).isEqualTo(Path.of("results-relay"));
    }

    @Test
    void shouldCountRecordsMarkersAndBytesPerCommand() {
        final RecordBudget.Table table = new RecordBudget.Table(10, java.util.List.of(
                new RecordBudget.Row("a", 10, 4, 100, 300), new RecordBudget.Row("b", 20, 6, 200, 500)));

        assertThat(table.total()).isEqualTo(new RecordBudget.Row("total", 30, 10, 300, 800));
        assertThat(table.row("b").markers()).isEqualTo(6);
        assertThat(table.row("c").records()).isZero();
    }
}
