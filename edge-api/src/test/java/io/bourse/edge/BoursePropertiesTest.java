package io.bourse.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class BoursePropertiesTest {

    @Test
    void shouldGiveEachTopologyItsOwnCommitIntervalAndThreadsAndTheNodesOtherwise() {
        final BourseProperties.Streams streams = bind(new MapConfigurationPropertySource(Map.of(
                "bourse.streams.commit-interval-ms", "100",
                "bourse.streams.threads", "2",
                "bourse.streams.by-topology.portfolio.commit-interval-ms", "20",
                "bourse.streams.by-topology.marketdata.threads", "1"))).streams();

        assertThat(streams.commitIntervalMs("portfolio")).isEqualTo(20);
        assertThat(streams.threads("portfolio")).isEqualTo(2);
        assertThat(streams.commitIntervalMs("marketdata")).isEqualTo(100);
        assertThat(streams.threads("marketdata")).isEqualTo(1);
        assertThat(streams.commitIntervalMs("matching")).isEqualTo(100);
        assertThat(streams.threads("matching")).isEqualTo(2);
    }

    @Test
    void shouldBindPerTopologySettingsFromEnvironmentVariablesAsTheBenchmarkScriptsSetThem() {
        final MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "BOURSE_STREAMS_COMMITINTERVALMS", "100",
                "BOURSE_STREAMS_THREADS", "2",
                "BOURSE_STREAMS_BYTOPOLOGY_PORTFOLIO_COMMITINTERVALMS", "25")));
        final BourseProperties.Streams streams = new Binder(ConfigurationPropertySources.from(sources))
                .bind("bourse", BourseProperties.class).get().streams();

        assertThat(streams.commitIntervalMs("portfolio")).isEqualTo(25);
        assertThat(streams.commitIntervalMs("matching")).isEqualTo(100);
    }

    @Test
    void shouldDefaultToOneCommitIntervalForAllTopologiesWhenNothingIsSet() {
        final BourseProperties.Streams streams = bind(new MapConfigurationPropertySource(Map.of("bourse.data-dir", "x")))
                .streams();

        assertThat(streams.byTopology()).isEmpty();
        assertThat(streams.commitIntervalMs("portfolio")).isEqualTo(100);
        assertThat(streams.threads("matching")).isEqualTo(2);
    }

    private static BourseProperties bind(final MapConfigurationPropertySource source) {
        return new Binder(source).bind("bourse", BourseProperties.class).get();
    }
}
