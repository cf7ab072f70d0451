package io.bourse.benchmarks.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bourse.benchmarks.matching.MixStatistics.Kind;
import io.bourse.matching.core.FastOrderBook;
import io.bourse.matching.core.MatchingEngine;
import io.bourse.matching.core.NaiveOrderBook;
import io.bourse.matching.core.OrderBook;
import io.bourse.matching.core.Side;
import org.junit.jupiter.api.Test;

/** The generated stream is replayable, deterministic and has exchange-core's shape. */
class OrderBookCommandMixTest {

    private static final long SEED = OrderBookCommandMix.DEFAULT_SEED;

    private static OrderBookCommandMix mix(final int commands) {
        System.out.println("OrderBookCommandMixTest seed=" + SEED + " commands=" + commands);
        return OrderBookCommandMix.generate(OrderBookCommandMix.Settings.defaults(SEED).withCommands(commands));
    }

    private static CountingListener replay(final OrderBookCommandMix mix, final OrderBook book) {
        final CountingListener listener = new CountingListener();
        final MatchingEngine engine = mix.primedEngine(book, listener);
        mix.commands().applyAll(engine, listener);
        return listener;
    }

    @Test
    void shouldReplayWithoutARejectionAndAgreeWithTheNaiveBook() {
        final OrderBookCommandMix mix = mix(20_000);

        final CountingListener fast = replay(mix, new FastOrderBook());
        final CountingListener naive = replay(mix, new NaiveOrderBook());

        assertThat(fast.refused()).isZero();
        assertThat(fast.trades()).isGreaterThan(100);
        assertThat(naive.refused()).isZero();
        assertThat(naive.trades()).isEqualTo(fast.trades());
        assertThat(naive.checksum()).isEqualTo(fast.checksum());
    }

    @Test
    void shouldGenerateTheSameStreamFromTheSameSeed() {
        assertThat(replay(mix(20_000), new FastOrderBook()).checksum())
                .isEqualTo(replay(mix(20_000), new FastOrderBook()).checksum());
    }

    @Test
    void shouldHaveExchangeCoresMixAndBookShape() {
        final MixStatistics stats = mix(300_000).statistics();

        assertThat(stats.commands()).isEqualTo(300_000);
        assertThat(stats.percent(Kind.MOVE)).isCloseTo(71, within(2.0));
        assertThat(stats.percent(Kind.GTC)).isCloseTo(12.8, within(1.0));
        assertThat(stats.percent(Kind.CANCEL)).isCloseTo(7.3, within(0.7));
        assertThat(stats.percent(Kind.REDUCE) + stats.percent(Kind.REDUCE_TO_ZERO)).isCloseTo(7.3, within(0.7));
        assertThat(stats.percent(Kind.IOC)).isCloseTo(1.75, within(0.4));
        assertThat(stats.count(Kind.FOK)).isPositive();
        assertThat(stats.meanOrderSizeShares()).isCloseTo(16.6, within(0.5));
        for (final Side side : Side.values()) {
            assertThat(stats.meanRestingOrders().get(side)).isCloseTo(500, within(25.0));
            assertThat(stats.meanLevels().get(side)).isCloseTo(245, within(30.0));
        }
        assertThat(stats.meanSpreadTicks()).isLessThan(4);
    }
}
