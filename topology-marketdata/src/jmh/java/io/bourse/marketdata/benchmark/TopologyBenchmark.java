package io.bourse.marketdata.benchmark;

import io.bourse.avro.common.Side;
import io.bourse.avro.matching.Trade;
import io.bourse.marketdata.topology.MarketDataConfig;
import io.bourse.marketdata.topology.MarketDataTopology;
import io.bourse.schemas.catalogue.MarketDataNames;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.streams.StreamsDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Trades per second through the whole topology in a {@code TopologyTestDriver}: Avro in and out
 * (in-memory registry), de-duplication, candles in RocksDB window stores, the rolling ticker, the
 * tape, exactly-once settings. The driver commits after every record, so store caches never
 * coalesce writes here; a real deployment batches by {@code commit.interval.ms} and adds broker
 * round trips. Every 256 trades one publish interval of wall-clock time is let pass, so the changed
 * candles and tickers are emitted (about what 2,500 trades/s with the default 100 ms interval give);
 * output is drained every 1 024 trades so the driver's capture queues stay small.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TopologyBenchmark {

    private static final int PUBLISH_EVERY = 256;
    private static final int DRAIN_EVERY = 1_024;

    @Param({"50"})
    public int symbols;

    /** exactly_once_v2 is what production runs; at_least_once shows the cost of the per-record transactional commit. */
    @Param({"exactly_once_v2", "at_least_once"})
    public String guarantee;

    private final String registryUrl = "mock://marketdata-benchmark";
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Trade> trades;
    private TradeStream stream;
    private long piped;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        stateDir = Files.createTempDirectory("marketdata-benchmark");
        final Map<String, Object> serdeConfig = Map.of("schema.registry.url", registryUrl);
        final Properties props = new Properties();
        props.putAll(StreamsDefaults.config(MarketDataNames.APPLICATION_ID, "unused:9092", registryUrl, stateDir.toString()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        driver = new TopologyTestDriver(MarketDataTopology.build(MarketDataConfig.defaults(), serdeConfig), props);
        trades = driver.createInputTopic(Topics.TRADES_EXECUTED.name(), Serdes.String().serializer(),
                Topics.TRADES_EXECUTED.valueSerde(serdeConfig).serializer());
        stream = new TradeStream(symbols);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        driver.close();
        SchemaRegistryClients.dropMockScope(registryUrl);
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public void pipeTrade() {
        final int s = stream.next();
        final String symbol = stream.symbol(s);
        final long sequence = stream.sequence(s);
        final Instant time = Instant.ofEpochMilli(stream.timeMs());
        trades.pipeInput(symbol, Trade.newBuilder()
                .setTradeId(symbol + "-" + sequence)
                .setSequence(sequence)
                .setSymbol(symbol)
                .setPricePaise(stream.price(s))
                .setQuantityShares(stream.quantity())
                .setAggressorSide((sequence & 1) == 0 ? Side.BUY : Side.SELL)
                .setBuyOrderId("B")
                .setBuyUserId("u1")
                .setSellOrderId("S")
                .setSellUserId("u2")
                .setTimestampMs(time)
                .build(), time);
        if (++piped % PUBLISH_EVERY == 0) {
            driver.advanceWallClockTime(MarketDataConfig.DEFAULT_PUBLISH_INTERVAL);
        }
        if (piped % DRAIN_EVERY == 0) {
            for (final String topic : driver.producedTopicNames()) {
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            }
        }
    }
}
