package io.bourse.edge.infra;

import io.bourse.avro.instruments.Instrument;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Every instrument and its trading status, read from the compacted {@code instruments} topic and kept current. */
@Component
public class InstrumentCatalog implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentCatalog.class);

    private final KafkaEndpoints endpoints;
    private final Map<String, Instrument> bySymbol = new ConcurrentSkipListMap<>();
    private volatile KafkaConsumer<String, Instrument> consumer;
    private volatile boolean running;

    public InstrumentCatalog(final KafkaEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    public List<Instrument> all() {
        return List.copyOf(bySymbol.values());
    }

    public Optional<Instrument> get(final String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.INSTRUMENTS.keySerde().deserializer(),
                Topics.INSTRUMENTS.valueSerde(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl())).deserializer());
        final List<TopicPartition> partitions = List.of(new TopicPartition(Topics.INSTRUMENTS.name(), 0));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        running = true;
        final Thread thread = new Thread(() -> {
            try {
                while (running) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                        if (r.value() == null) {
                            bySymbol.remove(r.key());
                        } else {
                            bySymbol.put(r.key(), r.value());
                        }
                    });
                }
            } catch (final WakeupException stopping) {
                // stop() woke the consumer up
            } catch (final RuntimeException e) {
                LOG.error("Instrument catalog stopped following {}", Topics.INSTRUMENTS.name(), e);
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }, "bourse-instruments");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 10;
    }
}
