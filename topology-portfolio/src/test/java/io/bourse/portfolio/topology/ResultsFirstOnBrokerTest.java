package io.bourse.portfolio.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.streams.StreamsDefaults;
import io.bourse.testing.broker.SharedBroker;
import io.bourse.testing.broker.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A portfolio task with a backlog on both of its order inputs, as when it falls behind under load:
 * commands that have waited a minute, and matching results written after them. By timestamp alone the
 * task would work off every older command before settling a result; it settles the results first, and
 * each output still carries its input's own time. ({@code TopologyTestDriver} processes each record as
 * it is piped in, so only a real broker has a backlog to order.)
 */
@SharedBroker
class ResultsFirstOnBrokerTest {

    private static final String USER = "results-first-trader";
    private static final int COMMANDS = 60;
    private static final int RESULTS = 6;

    @TempDir
    Path stateDir;

    @Test
    void shouldSettleWaitingResultsBeforeTheOlderCommandsWaitingBesideThem(final EmbeddedInfrastructure infra) throws Exception {
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
        final Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        final Instant waitingSince = now.minusSeconds(60);
        final List<OrderCommand> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            commands.add(OrderCommand.newBuilder().setCommandId("results-first-cmd-" + i).setUserId(USER)
                    .setIssuedAtMs(waitingSince.plusMillis(i))
                    .setPayload(CancelOrderCommand.newBuilder().setOrderId("waiting-" + i).build()).build());
        }
        send(infra, serde, Topics.ORDERS_COMMANDS, commands, OrderCommand::getIssuedAtMs);
        final List<MatchingResult> results = new ArrayList<>();
        for (int i = 0; i < RESULTS; i++) {
            results.add(answer("answered-" + i, i, now));
        }
        send(infra, serde, Topics.MATCHING_RESULTS, results, MatchingResult::getTimestampMs);

        final Map<String, Object> config = StreamsDefaults.config("results-first-test", infra.bootstrapServers(),
                infra.schemaRegistryUrl(), stateDir.toString());
        // Start processing once both backlogs are fetched, as a busy task has them buffered; by default a task
        // starts on whichever input arrives first.
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        final KafkaStreams streams = new KafkaStreams(PortfolioTopology.build(PortfolioConfig.DEFAULTS, serde),
                new StreamsConfig(config));
        try {
            streams.start();
            final List<ConsumerRecord<String, OrderEvent>> events = TopicReader.readUntil(infra.bootstrapServers(),
                    Topics.ORDERS_EVENTS.name(), Topics.ORDERS_EVENTS.keySerde().deserializer(),
                    Topics.ORDERS_EVENTS.valueSerde(serde).deserializer(), records -> ofUser(records).size() >= COMMANDS + RESULTS,
                    Duration.ofSeconds(90));

            final List<ConsumerRecord<String, OrderEvent>> mine = ofUser(events);
            assertThat(mine).hasSize(COMMANDS + RESULTS);
            assertThat(mine.subList(0, RESULTS)).extracting(r -> r.value().getOrderId())
                    .as("the results, settled ahead of the commands that waited longer")
                    .containsExactly("answered-0", "answered-1", "answered-2", "answered-3", "answered-4", "answered-5");
            assertThat(mine.subList(RESULTS, mine.size())).extracting(r -> r.value().getOrderId())
                    .startsWith("waiting-0", "waiting-1").endsWith("waiting-" + (COMMANDS - 1));
            // Ranked an hour early, timed at the engine's time.
            assertThat(mine.subList(0, RESULTS)).allSatisfy(r -> {
                assertThat(r.timestamp()).isEqualTo(now.toEpochMilli());
                assertThat(r.value().getTimestampMs()).isEqualTo(now);
            });
            assertThat(mine.get(RESULTS).timestamp()).isEqualTo(waitingSince.toEpochMilli());
        } finally {
            await().atMost(Duration.ofSeconds(60)).until(() -> StreamsDefaults.close(streams, Duration.ofSeconds(30)));
        }
    }

    private static List<ConsumerRecord<String, OrderEvent>> ofUser(final List<ConsumerRecord<String, OrderEvent>> records) {
        return records.stream().filter(r -> USER.equals(r.key())).toList();
    }

    /** Matching's answer to a cancel of an order it does not know, which the portfolio passes on as it is. */
    private static MatchingResult answer(final String orderId, final long sequence, final Instant at) {
        return MatchingResult.newBuilder().setResultId("results-first-" + orderId).setSymbol("TCS").setSequence(sequence)
                .setCommandId("results-first-cancel-" + orderId).setType(MatchingResultType.CANCEL_REJECTED).setOrderId(orderId)
                .setUserId(USER).setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantityShares(0).setFilledQuantityShares(0).setRemainingQuantityShares(0)
                .setReasonCode(ReasonCode.UNKNOWN_ORDER).setTimestampMs(at).setLastOfCommand(true).build();
    }

    /** Sends {@code values} for the user, in order, each with the record timestamp {@code time} gives it. */
    private static <V extends SpecificRecord> void send(final EmbeddedInfrastructure infra, final Map<String, Object> serde,
            final Topic<V> topic, final List<V> values, final Function<V, Instant> time) throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde(serde).serializer())) {
            final List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (final V value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic.name(), null, time.apply(value).toEpochMilli(), USER, value)));
            }
            for (final Future<RecordMetadata> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
