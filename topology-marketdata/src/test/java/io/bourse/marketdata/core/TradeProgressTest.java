package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TradeProgressTest {

    @Test
    void shouldTrackSequenceWatermarkAndCount() {
        final TradeProgress progress = TradeProgress.NONE
                .accept(new TradeTick(1, 5_000, 100, 1))
                .accept(new TradeTick(2, 4_000, 100, 1));

        assertThat(progress).isEqualTo(new TradeProgress(2, 5_000, 2));
    }

    @Test
    void shouldFlagRepeatedAndOlderSequencesAsDuplicates() {
        final TradeProgress progress = TradeProgress.NONE.accept(new TradeTick(5, 1_000, 100, 1));

        assertThat(progress.isDuplicate(new TradeTick(5, 1_000, 100, 1))).isTrue();
        assertThat(progress.isDuplicate(new TradeTick(4, 2_000, 100, 1))).isTrue();
        assertThat(progress.isDuplicate(new TradeTick(6, 500, 100, 1))).isFalse();
        assertThatThrownBy(() -> progress.accept(new TradeTick(5, 1_000, 100, 1))).isInstanceOf(IllegalStateException.class);
    }
}
