package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

class LoadOptionsTest {

    @Test
    void shouldRunTheRelayBesideTheExchangeWhenBaselineStandsAlone() {
        assertThat(LoadOptions.parse().baseline()).isEqualTo(BaselineRelay.Mode.OFF);
        assertThat(LoadOptions.parse("--baseline").baseline()).isEqualTo(BaselineRelay.Mode.BOTH);
        assertThat(LoadOptions.parse("--baseline=only").baseline()).isEqualTo(BaselineRelay.Mode.ONLY);
        assertThat(LoadOptions.parse("1000", "20", "--baseline=both").rates()).containsExactly(1000);
        assertThatThrownBy(() -> LoadOptions.parse("--baseline=sometimes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCountTheBudgetOnlyWhenAskedTo() {
        assertThat(LoadOptions.parse().budget()).isFalse();
        assertThat(LoadOptions.parse("--budget").budget()).isTrue();
        assertThat(LoadOptions.parse("--budget=false").budget()).isFalse();
    }

    @Test
    void shouldGiveTheRelayTheNodesStreamsSettingsUnlessToldOtherwise() {
        assertThat(LoadOptions.parse().streams()).isEqualTo(StreamsSettings.NODE_DEFAULTS);
        final StreamsSettings tuned = LoadOptions.parse("--commit-interval-ms=20", "--poll-ms=10", "--stream-threads=1",
                "--linger-ms=0", "--processing-guarantee=at_least_once").streams();
        assertThat(tuned).isEqualTo(new StreamsSettings("at_least_once", 20, 0, 1, 10, StreamsSettings.NODE_DEFAULTS.byTopology()));
        assertThat(tuned.describe()).contains("commit.interval.ms=20", "poll.ms=10").doesNotContain("defaults");
        assertThatThrownBy(() -> LoadOptions.parse("--commit-interval-ms=0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveEachStageItsTopologysOwnSettingsWhereOneIsSet() {
        final StreamsSettings settings = LoadOptions.parse("--commit-interval-ms=100", "--poll-ms=50", "--portfolio-commit-interval-ms=15",
                "--matching-poll-ms=5").streams();
        assertThat(settings.commitIntervalMs("portfolio")).isEqualTo(15);
        assertThat(settings.pollMs("portfolio")).isEqualTo(50);
        assertThat(settings.commitIntervalMs("matching")).isEqualTo(100);
        assertThat(settings.pollMs("matching")).isEqualTo(5);
        assertThat(LoadOptions.parse().streams().pollMs("matching")).as("the node's own for matching").isEqualTo(10);
        final Map<String, Object> config = new HashMap<>();
        settings.applyTo(config, "portfolio");
        assertThat(config).containsEntry("commit.interval.ms", 15L).containsEntry("poll.ms", 50L);
        settings.applyTo(config, "matching");
        assertThat(config).containsEntry("commit.interval.ms", 100L).containsEntry("poll.ms", 5L);
        assertThat(settings.describe()).contains("commit.interval.ms=100", "poll.ms=50",
                "(matching: commit -, poll 5 ms) (portfolio: commit 15 ms, poll -)");
        assertThatThrownBy(() -> LoadOptions.parse("--matching-poll-ms=0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheRelaysDefaultsEqualToTheNodesConfiguration() {
        final YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        // The node is not on the tools' classpath: its configuration file, from the source tree.
        yaml.setResources(new FileSystemResource("../edge-api/src/main/resources/application.yml"));
        final Properties node = yaml.getObject();

        assertThat(node).isNotNull();
        assertThat(node.getProperty("bourse.streams.processing-guarantee")).isEqualTo(StreamsSettings.NODE_DEFAULTS.processingGuarantee());
        assertThat(Long.parseLong(node.getProperty("bourse.streams.commit-interval-ms")))
                .isEqualTo(StreamsSettings.NODE_DEFAULTS.commitIntervalMs());
        assertThat(Integer.parseInt(node.getProperty("bourse.streams.linger-ms"))).isEqualTo(StreamsSettings.NODE_DEFAULTS.lingerMs());
        assertThat(Integer.parseInt(node.getProperty("bourse.streams.threads"))).isEqualTo(StreamsSettings.NODE_DEFAULTS.threads());
        assertThat(Long.parseLong(node.getProperty("bourse.streams.poll-ms"))).isEqualTo(StreamsSettings.NODE_DEFAULTS.pollMs());
        // The relay's stages stand for the portfolio and matching: what the node sets apart for them, the relay does too.
        for (final String topology : List.of("portfolio", "matching")) {
            final String prefix = "bourse.streams.by-topology." + topology + ".";
            assertThat(node.stringPropertyNames().stream().filter(name -> name.startsWith(prefix)))
                    .allMatch(name -> name.equals(prefix + "commit-interval-ms") || name.equals(prefix + "poll-ms"));
            final StreamsSettings.Tuning own = StreamsSettings.NODE_DEFAULTS.byTopology().getOrDefault(topology,
                    new StreamsSettings.Tuning(null, null));
            assertThat(Optional.ofNullable(node.getProperty(prefix + "commit-interval-ms")).map(Long::valueOf))
                    .isEqualTo(Optional.ofNullable(own.commitIntervalMs()));
            assertThat(Optional.ofNullable(node.getProperty(prefix + "poll-ms")).map(Long::valueOf))
                    .isEqualTo(Optional.ofNullable(own.pollMs()));
        }
    }
}
