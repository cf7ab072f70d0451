package io.bourse.launcher;

import io.bourse.avro.matching.Trade;
import io.bourse.edge.TestData;
import io.bourse.matching.topology.MatchingTopology;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.streams.StreamsDefaults;
import io.bourse.testing.broker.TopicReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The determinism check: replays {@code matching.commands} from offset 0, with the original record
 * timestamps, into a fresh matching topology and compares its trades with {@code trades.executed},
 * symbol by symbol, as Avro bytes (the body after the wire-format header, whose schema id differs
 * between registries).
 */
final class MatchingReplay {

    private MatchingReplay() {
    }

    /** Per symbol, the Avro bodies of the committed trades, in order. */
    static Map<String, List<String>> committedTrades(final String bootstrap) {
        final Map<String, List<String>> trades = new HashMap<>();
        TopicReader.readToEnd(bootstrap, Topics.TRADES_EXECUTED.name(), new ByteArrayDeserializer(),
                r -> trades.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(body(r.value())));
        return trades;
    }

    /** Per symbol, the Avro bodies of the trades a fresh matching topology produces from the commands. */
    static Map<String, List<String>> replayedTrades(final String bootstrap, final String registry) throws Exception {
        final String mock = SchemaRegistryClients.MOCK_SCHEME + "replay-" + UUID.randomUUID();
        final Map<String, Object> config = StreamsDefaults.config("replay-check", "dummy:9092", mock,
                TestData.directory("replay").toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        final Properties properties = new Properties();
        properties.putAll(config);
        final Map<String, List<String>> trades = new HashMap<>();
        // The commands were written with the real registry's ids: decode with it, re-encode for the replay.
        final var realSerde = Topics.MATCHING_COMMANDS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry));
        final var replaySerde = Topics.MATCHING_COMMANDS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, mock));
        try (TopologyTestDriver driver = new TopologyTestDriver(MatchingTopology.build(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, mock)),
                properties)) {
            final TestInputTopic<String, byte[]> input = driver.createInputTopic(Topics.MATCHING_COMMANDS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            final TestOutputTopic<String, byte[]> output = driver.createOutputTopic(Topics.TRADES_EXECUTED.name(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TopicReader.readToEnd(bootstrap, Topics.MATCHING_COMMANDS.name(), new ByteArrayDeserializer(), r -> {
                final byte[] reencoded = replaySerde.serializer().serialize(Topics.MATCHING_COMMANDS.name(),
                        realSerde.deserializer().deserialize(Topics.MATCHING_COMMANDS.name(), r.value()));
                input.pipeInput(r.key(), reencoded, r.timestamp());
                output.readKeyValuesToList().forEach(kv -> trades.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(body(kv.value)));
            });
        } finally {
            SchemaRegistryClients.dropMockScope(mock);
        }
        return trades;
    }

    /**
     * Where the replay first departs from the committed trades, symbol by symbol, with both trades
     * decoded; empty when they are identical.
     */
    static List<String> differences(final Map<String, List<String>> committed, final Map<String, List<String>> replayed) {
        final List<String> report = new ArrayList<>();
        final Set<String> symbols = new TreeSet<>(committed.keySet());
        symbols.addAll(replayed.keySet());
        for (final String symbol : symbols) {
            final List<String> live = committed.getOrDefault(symbol, List.of());
            final List<String> replay = replayed.getOrDefault(symbol, List.of());
            for (int i = 0; i < Math.max(live.size(), replay.size()); i++) {
                final String a = i < live.size() ? live.get(i) : null;
                final String b = i < replay.size() ? replay.get(i) : null;
                if (!Objects.equals(a, b)) {
                    report.add("%s: %d committed and %d replayed trades; first difference at #%d%n  committed %s%n  replayed  %s"
                            .formatted(symbol, live.size(), replay.size(), i, decode(a), decode(b)));
                    break;
                }
            }
        }
        return report;
    }

    private static String decode(final String body) {
        if (body == null) {
            return "(none)";
        }
        final String[] parts = body.substring(1, body.length() - 1).split(", ");
        final byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = Byte.parseByte(parts[i]);
        }
        try {
            return new SpecificDatumReader<>(Trade.class)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null)).toString();
        } catch (final IOException | RuntimeException e) {
            return body + " (undecodable: " + e + ")";
        }
    }

    private static String body(final byte[] wire) {
        return Arrays.toString(Arrays.copyOfRange(wire, 5, wire.length));
    }
}
