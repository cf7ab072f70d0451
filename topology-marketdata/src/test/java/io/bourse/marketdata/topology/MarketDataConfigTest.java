package io.bourse.marketdata.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.marketdata.core.CandleInterval;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketDataConfigTest {

    @Test
    void shouldProvideSensibleDefaults() {
        final MarketDataConfig config = MarketDataConfig.defaults();

        assertThat(config.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.tapeCapacity()).isEqualTo(100);
        assertThat(config.retention(CandleInterval.M1)).isEqualTo(Duration.ofDays(7));
        assertThat(config.retention(CandleInterval.D1)).isGreaterThan(Duration.ofDays(3_650));
        assertThat(config.publishInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldRejectRetentionShorterThanIntervalPlusGrace() {
        final Map<CandleInterval, Duration> retention = new EnumMap<>(MarketDataConfig.defaults().candleRetention());
        retention.put(CandleInterval.H1, Duration.ofMinutes(60));

        assertThatThrownBy(() -> new MarketDataConfig(Duration.ofSeconds(1), retention, 100,
                MarketDataConfig.DEFAULT_PUBLISH_INTERVAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H1");
    }

    @Test
    void shouldRejectOutOfRangeTapeCapacityNegativeGraceAndANonPositivePublishInterval() {
        assertThatThrownBy(() -> MarketDataConfig.defaults().withTapeCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarketDataConfig.defaults().withTapeCapacity(10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarketDataConfig.defaults().withGrace(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarketDataConfig.defaults().withPublishInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publishInterval");
    }
}
