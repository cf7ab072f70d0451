package io.bourse.edge.infra;

import io.bourse.avro.orders.OrderEventType;
import io.bourse.schemas.catalogue.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.stereotype.Component;

/**
 * Health reflects each topology's Kafka Streams state (DOWN when one is in ERROR or stopped,
 * OUT_OF_SERVICE while it rebalances or restores); metrics add a few Streams client metrics ({@link StreamsMeters}) and the
 * exchange's own: fills and trades seen, by symbol-independent counters.
 */
@Component("topologies")
public class NodeHealthAndMetrics implements HealthIndicator {

    private final TopologyRunner runner;
    private final MeterRegistry registry;
    private final Map<String, StreamsMeters> bound = new ConcurrentHashMap<>();

    public NodeHealthAndMetrics(final TopologyRunner runner, final MeterRegistry registry, final EventHub hub) {
        this.runner = runner;
        this.registry = registry;
        final Counter fills = Counter.builder("bourse.fills").description("order fills published to clients").register(registry);
        final Counter trades = Counter.builder("bourse.trades").description("trades executed").register(registry);
        hub.subscribe(Topics.ORDERS_EVENTS, (key, event) -> {
            if (event.getType() == OrderEventType.FILL) {
                fills.increment();
            }
        });
        hub.subscribe(Topics.TRADES_EXECUTED, (key, trade) -> trades.increment());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void bindStreamsMetrics() {
        runner.all().forEach((name, streams) -> bound.computeIfAbsent(name, n -> {
            final StreamsMeters metrics = StreamsMeters.bind(streams, n, registry);
            Gauge.builder("bourse.topology.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                    .tag("topology", n).register(registry);
            return metrics;
        }));
    }

    @Override
    public Health health() {
        final Health.Builder health = Health.up();
        boolean down = false;
        boolean moving = false;
        for (final Map.Entry<String, KafkaStreams> entry : runner.all().entrySet()) {
            final KafkaStreams.State state = entry.getValue().state();
            health.withDetail(entry.getKey(), state.name());
            down |= state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.PENDING_ERROR;
            moving |= state == KafkaStreams.State.REBALANCING || state == KafkaStreams.State.CREATED;
        }
        return (down ? health.down() : moving ? health.outOfService() : health).build();
    }
}
