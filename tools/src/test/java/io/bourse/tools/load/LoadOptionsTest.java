package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
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
        assertThat(tuned).isEqualTo(new StreamsSettings("at_least_once", 20, 0, 1, 10));
        assertThat(tuned.describe()).contains("commit.interval.ms=20", "poll.ms=10").doesNotContain("defaults");
        assertThatThrownBy(() -> LoadOptions.parse("--commit-interval-ms=0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveEachStageItsTopologysOwnCommitIntervalWhereOneIsSet() {
        final StreamsSettings settings = LoadOptions.parse("--commit-interval-ms=100", "--portfolio-commit-interval-ms=15").streams();
        assertThat(settings.commitIntervalMs("portfolio")).isEqualTo(15);
        assertThat(settings.commitIntervalMs("matching")).isEqualTo(100);
        final Map<String, Object> config = new HashMap<>();
        settings.applyTo(config, "portfolio");
        assertThat(config).containsEntry("commit.interval.ms", 15L).containsEntry("poll.ms", settings.pollMs());
        assertThat(settings.describe()).contains("commit.interval.ms=100 (portfolio: 15)");
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
        // The relay's stages stand for the portfolio and matching: the node must not set those two apart by default.
        assertThat(node.stringPropertyNames()).noneMatch(name -> name.startsWith("bourse.streams.by-topology.portfolio.")
                || name.startsWith("bourse.streams.by-topology.matching."));
    }
}
