package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.schemas.catalogue.PartitionCounts;
import io.bourse.schemas.catalogue.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("broker")
class EmbeddedKafkaClusterTest {

    private static final String TRANSACTION_LOG = "__transaction_state";

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepThreeReplicasWithTwoInSyncAndCommitTransactionsWhileALeaderIsDownThenTakeItBack() throws Exception {
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.cluster(new EmbeddedKafkaCluster(dataDir, 3), 0,
                new PartitionCounts(2, 2)).start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            final EmbeddedKafkaCluster cluster = infra.kafkaCluster();
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            final String topic = Topics.ORDERS_COMMANDS.name();
            assertThat(replicas(admin, topic)).containsOnly(3);
            assertThat(minInSync(admin, topic)).isEqualTo("2");

            // Written in a transaction before any loss; the transaction log appears with it.
            final List<String> written = new ArrayList<>();
            try (KafkaProducer<String, String> producer = transactional(infra, "cluster-test")) {
                producer.initTransactions();
                commit(producer, topic, "before", written);
                assertThat(replicas(admin, TRANSACTION_LOG)).containsOnly(3);
                assertThat(minInSync(admin, TRANSACTION_LOG)).isEqualTo("2");

                // Kill the leader of partition 0: the others elect a new one and a transaction still commits on two of three.
                final int victim = leader(admin, topic, 0);
                cluster.broker(victim).kill();
                assertThat(cluster.broker(victim).isRunning()).isFalse();
                await().atMost(Duration.ofSeconds(60)).until(() -> leaderOrNone(admin, topic, 0) != victim
                        && leaderOrNone(admin, topic, 0) != -1);
                commit(producer, topic, "while-down", written);
            }

            // Back on its data, recovering its logs: it catches up and rejoins every in-sync replica set.
            final int down = cluster.brokers().stream().filter(b -> !b.isRunning()).findFirst().orElseThrow().nodeId();
            cluster.broker(down).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> inSync(admin, topic).stream().allMatch(isr -> isr.size() == 3));
            assertThat(read(infra, topic)).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    private static KafkaProducer<String, String> transactional(final EmbeddedInfrastructure infra, final String id) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, id, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer());
    }

    private static void commit(final KafkaProducer<String, String> producer, final String topic, final String label,
            final List<String> written) {
        producer.beginTransaction();
        for (int partition = 0; partition < 2; partition++) {
            final String value = label + "-" + partition;
            producer.send(new ProducerRecord<>(topic, partition, "key", value));
            written.add(value);
        }
        producer.commitTransaction();
    }

    private static List<String> read(final EmbeddedInfrastructure infra, final String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return values;
        }
    }

    private static TopicDescription describe(final Admin admin, final String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private static List<Integer> replicas(final Admin admin, final String topic) throws Exception {
        return describe(admin, topic).partitions().stream().map(p -> p.replicas().size()).toList();
    }

    private static List<List<Integer>> inSync(final Admin admin, final String topic) throws Exception {
        return describe(admin, topic).partitions().stream().map(p -> p.isr().stream().map(n -> n.id()).toList()).toList();
    }

    private static int leader(final Admin admin, final String topic, final int partition) throws Exception {
        return leaderOrNone(admin, topic, partition);
    }

    private static int leaderOrNone(final Admin admin, final String topic, final int partition) throws Exception {
        final TopicPartitionInfo info = describe(admin, topic).partitions().get(partition);
        return info.leader() == null || info.leader().isEmpty() ? -1 : info.leader().id();
    }

    private static String minInSync(final Admin admin, final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get("min.insync.replicas").value();
    }
}
