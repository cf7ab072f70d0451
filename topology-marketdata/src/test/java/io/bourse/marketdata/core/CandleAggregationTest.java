package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CandleAggregationTest {

    private static final long GRACE = 30_000;

    @Test
    void shouldUpdateEveryIntervalForATimelyTrade() {
        final TradeTick trade = new TradeTick(1, 600_000, 100, 1);

        final CandleAggregation.Plan plan = CandleAggregation.plan(trade, trade.timeMs(), GRACE);

        assertThat(plan.late()).isEmpty();
        assertThat(plan.open()).extracting(CandleAggregation.Target::interval).containsExactly(CandleInterval.values());
        assertThat(plan.open().get(0).windowStartMs()).isEqualTo(600_000);
    }

    @Test
    void shouldMarkOnlyClosedIntervalsLate() {
        // Trade at 10:00:10 UTC, watermark 10:01:40: its minute closed at 10:01:30, its 5m bucket is open.
        final long tradeTime = 36_010_000;
        final TradeTick trade = new TradeTick(9, tradeTime, 100, 1);

        final CandleAggregation.Plan plan = CandleAggregation.plan(trade, tradeTime + 90_000, GRACE);

        assertThat(plan.late()).containsExactly(CandleInterval.M1);
        assertThat(plan.open()).extracting(CandleAggregation.Target::interval)
                .containsExactly(CandleInterval.M5, CandleInterval.M15, CandleInterval.H1, CandleInterval.D1);
    }

    @Test
    void shouldAcceptLateTradeWithinGrace() {
        final long tradeTime = 36_010_000;
        final TradeTick trade = new TradeTick(9, tradeTime, 100, 1);

        assertThat(CandleAggregation.plan(trade, tradeTime + 79_999, GRACE).late()).isEmpty();
    }
}
