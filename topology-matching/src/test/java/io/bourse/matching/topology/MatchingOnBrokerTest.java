package io.bourse.matching.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.matching.AddInstrumentCommand;
import io.bourse.avro.matching.MatchNewOrderCommand;
import io.bourse.avro.matching.MatchingCommand;
import io.bourse.avro.matching.Trade;
import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.streams.StreamsDefaults;
import io.bourse.testing.broker.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matching topology on a real broker under exactly-once: trades come out committed, an
 * instance started on an empty state directory (as after losing a disk or moving to a new node)
 * restores the book from the changelogs and carries on with the same sequences, and what it has
 * worked off is committed without waiting for the commit interval.
 */
@Tag("broker")
class MatchingOnBrokerTest {

    @TempDir
    Path tmp;

    @Test
    void shouldMatchExactlyOnceAndRestoreTheBookFromChangelogsOnANewInstance() throws Exception {
        try (EmbeddedInfrastructure infra = new EmbeddedInfrastructure(tmp.resolve("kafka"), 0, 0).start()) {
            final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
            final Map<String, Object> config = config(infra, "state-1");
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);

            KafkaStreams streams = start(MatchingTopology.build(serde), config);
            tradeFourOfTen(infra, serde);
            assertThat(StreamsDefaults.close(streams, Duration.ofSeconds(30))).isTrue();

            config.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state-2").toString());
            streams = start(MatchingTopology.build(serde), config);
            send(infra, serde, "cmd-4", order("b2", "carol", Side.BUY, 410_000, 6));
            assertThat(trades(infra, serde, 2)).extracting(t -> t.getTradeId() + " " + t.getSellOrderId() + " " + t.getQuantityShares())
                    .containsExactly("TCS-1 s1 4", "TCS-2 s1 6");
            assertThat(StreamsDefaults.close(streams, Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void shouldCommitWhatItHasWorkedOffWithoutWaitingForTheCommitInterval() throws Exception {
        try (EmbeddedInfrastructure infra = new EmbeddedInfrastructure(tmp.resolve("kafka"), 0, 0).start()) {
            final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
            final Map<String, Object> config = config(infra, "state");
            // An interval no await below reaches: only the commit asked for once the input is worked off can make the
            // trade readable. Kafka Streams wants the transaction timeout at least as long.
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 300_000);
            config.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 300_000);
            config.put(StreamsConfig.POLL_MS_CONFIG, 10);

            final KafkaStreams streams = start(MatchingTopology.build(serde), config);
            tradeFourOfTen(infra, serde);
            assertThat(StreamsDefaults.close(streams, Duration.ofSeconds(30))).isTrue();
        }
    }

    private Map<String, Object> config(final EmbeddedInfrastructure infra, final String stateDir) {
        return StreamsDefaults.config(MatchingNames.APPLICATION_ID, infra.bootstrapServers(), infra.schemaRegistryUrl(),
                tmp.resolve(stateDir).toString());
    }

    /** Lists TCS, rests a sell of 10 and crosses it with a buy of 4: the first trade comes out committed. */
    private static void tradeFourOfTen(final EmbeddedInfrastructure infra, final Map<String, Object> serde) throws Exception {
        send(infra, serde, "cmd-1", AddInstrumentCommand.newBuilder()
                .setInstrument(MatchingDriver.instrument("TCS", 410_000)).build());
        send(infra, serde, "cmd-2", order("s1", "alice", Side.SELL, 410_000, 10));
        send(infra, serde, "cmd-3", order("b1", "bob", Side.BUY, 410_000, 4));
        assertThat(trades(infra, serde, 1)).extracting(t -> t.getTradeId() + " " + t.getQuantityShares())
                .containsExactly("TCS-1 4");
    }

    private static KafkaStreams start(final org.apache.kafka.streams.Topology topology, final Map<String, Object> config) {
        final KafkaStreams streams = new KafkaStreams(topology, new StreamsConfig(config));
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static MatchNewOrderCommand order(final String id, final String user, final Side side, final long price,
            final long qty) {
        return MatchNewOrderCommand.newBuilder().setOrderId(id).setUserId(user).setSide(side).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setLimitPricePaise(price).setQuantityShares(qty).setPostOnly(false)
                .setSelfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).setReservedPaise(0).build();
    }

    private static void send(final EmbeddedInfrastructure infra, final Map<String, Object> serde, final String commandId,
            final Object payload) throws Exception {
        final MatchingCommand command = MatchingCommand.newBuilder().setCommandId(commandId).setSymbol("TCS")
                .setIssuedAtMs(Instant.parse("2026-11-24T04:00:00Z")).setPayload(payload).build();
        try (KafkaProducer<String, MatchingCommand> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                Topics.MATCHING_COMMANDS.keySerde().serializer(), Topics.MATCHING_COMMANDS.valueSerde(serde).serializer())) {
            producer.send(new ProducerRecord<>(Topics.MATCHING_COMMANDS.name(), "TCS", command)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<Trade> trades(final EmbeddedInfrastructure infra, final Map<String, Object> serde, final int expected) {
        return TopicReader.readUntil(infra.bootstrapServers(), Topics.TRADES_EXECUTED.name(),
                Topics.TRADES_EXECUTED.keySerde().deserializer(), Topics.TRADES_EXECUTED.valueSerde(serde).deserializer(),
                records -> records.size() >= expected, Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
    }
}
