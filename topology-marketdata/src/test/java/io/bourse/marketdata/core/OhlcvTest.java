package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OhlcvTest {

    @Test
    void shouldTakeOpenAndCloseByTimeNotArrival() {
        final Ohlcv candle = Ohlcv.of(new TradeTick(2, 2_000, 101_00, 5))
                .add(new TradeTick(3, 3_000, 99_00, 1))
                .add(new TradeTick(4, 1_000, 100_00, 2));

        assertThat(candle.open()).isEqualTo(new PricePoint(100_00, 1_000, 4));
        assertThat(candle.close()).isEqualTo(new PricePoint(99_00, 3_000, 3));
        assertThat(candle.highPricePaise()).isEqualTo(101_00);
        assertThat(candle.lowPricePaise()).isEqualTo(99_00);
        assertThat(candle.volumeShares()).isEqualTo(8);
        assertThat(candle.turnoverPaise()).isEqualTo(101_00 * 5 + 99_00 + 100_00 * 2);
        assertThat(candle.tradeCount()).isEqualTo(3);
    }

    @Test
    void shouldBreakTimeTiesBySequence() {
        final Ohlcv candle = Ohlcv.of(new TradeTick(8, 1_000, 200, 1)).add(new TradeTick(7, 1_000, 100, 1));

        assertThat(candle.open().pricePaise()).isEqualTo(100);
        assertThat(candle.close().pricePaise()).isEqualTo(200);
    }

    @Property
    void shouldKeepOhlcInvariantsAndSums(@ForAll("trades") final List<TradeTick> trades) {
        final Ohlcv candle = fold(trades);

        assertThat(candle.lowPricePaise()).isLessThanOrEqualTo(Math.min(candle.open().pricePaise(), candle.close().pricePaise()));
        assertThat(candle.highPricePaise()).isGreaterThanOrEqualTo(Math.max(candle.open().pricePaise(), candle.close().pricePaise()));
        assertThat(candle.volumeShares()).isEqualTo(trades.stream().mapToLong(TradeTick::quantityShares).sum());
        assertThat(candle.turnoverPaise()).isEqualTo(trades.stream().mapToLong(TradeTick::turnoverPaise).sum());
        assertThat(candle.tradeCount()).isEqualTo(trades.size());
    }

    @Property
    void shouldNotDependOnArrivalOrder(@ForAll("trades") final List<TradeTick> trades, @ForAll final long seed) {
        final List<TradeTick> shuffled = new ArrayList<>(trades);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(fold(shuffled)).isEqualTo(fold(trades));
    }

    @Property
    void shouldMergeLikeAddingOneByOne(@ForAll("trades") final List<TradeTick> trades) {
        final int half = trades.size() / 2;
        if (half == 0) {
            return;
        }
        assertThat(fold(trades.subList(0, half)).merge(fold(trades.subList(half, trades.size())))).isEqualTo(fold(trades));
    }

    private static Ohlcv fold(final List<TradeTick> trades) {
        Ohlcv candle = null;
        for (final TradeTick trade : trades) {
            candle = candle == null ? Ohlcv.of(trade) : candle.add(trade);
        }
        return candle;
    }

    @Provide
    Arbitrary<List<TradeTick>> trades() {
        final Arbitrary<long[]> fields = Combinators.combine(
                        Arbitraries.longs().between(0, 600_000),
                        Arbitraries.longs().between(1, 10_000_000),
                        Arbitraries.longs().between(1, 100_000))
                .as((time, price, quantity) -> new long[] {time, price, quantity});
        return fields.list().ofMinSize(1).ofMaxSize(50).map(rows -> {
            final List<TradeTick> trades = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                trades.add(new TradeTick(i + 1, rows.get(i)[0], rows.get(i)[1], rows.get(i)[2]));
            }
            return trades;
        });
    }
}
