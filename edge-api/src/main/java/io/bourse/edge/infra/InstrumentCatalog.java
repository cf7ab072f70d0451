package io.bourse.edge.infra;

import io.bourse.avro.instruments.Instrument;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Component;

/**
 * Every instrument and its trading status, read from the compacted {@code instruments} topic and kept
 * current. Right after the node starts, a read waits briefly for the topic to be read up to where it
 * stood, and answers a retryable 503 if it still has not been: a listed symbol is never refused as
 * unknown only because the catalog is still loading.
 */
@Component
public class InstrumentCatalog extends FollowingComponent<String, Instrument> {

    private static final Duration LOADING = Duration.ofSeconds(5);

    private final KafkaEndpoints endpoints;
    private final Map<String, Instrument> bySymbol = new ConcurrentSkipListMap<>();

    public InstrumentCatalog(final KafkaEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    public List<Instrument> all() {
        awaitLoaded();
        return List.copyOf(bySymbol.values());
    }

    public Optional<Instrument> get(final String symbol) {
        awaitLoaded();
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    private void awaitLoaded() {
        TopicFollower.requireCaughtUp(follower(), LOADING, "the instruments");
    }

    @Override
    protected TopicFollower<String, Instrument> newFollower() {
        return new TopicFollower<>("bourse-edge-instruments", endpoints, List.of(Topics.INSTRUMENTS.name()),
                TopicFollower.From.BEGINNING, Topics.INSTRUMENTS.keySerde().deserializer(),
                Topics.INSTRUMENTS.valueSerde(endpoints.serdeConfig()).deserializer(),
                records -> records.forEach(r -> {
                    if (r.value() == null) {
                        bySymbol.remove(r.key());
                    } else {
                        bySymbol.put(r.key(), r.value());
                    }
                }), Duration.ofSeconds(1));
    }
}
