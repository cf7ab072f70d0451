package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.testing.Seeded;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

    private static final int TRIES = 1_000;

    @Test
    void shouldKeepOhlcInvariantsAndSums() {
        Seeded.check(TRIES, trades(), trades -> {
            final Ohlcv candle = fold(trades);

            assertThat(candle.lowPricePaise()).isLessThanOrEqualTo(Math.min(candle.open().pricePaise(), candle.close().pricePaise()));
            assertThat(candle.highPricePaise()).isGreaterThanOrEqualTo(Math.max(candle.open().pricePaise(), candle.close().pricePaise()));
            assertThat(candle.volumeShares()).isEqualTo(trades.stream().mapToLong(TradeTick::quantityShares).sum());
            assertThat(candle.turnoverPaise()).isEqualTo(trades.stream().mapToLong(TradeTick::turnoverPaise).sum());
            assertThat(candle.tradeCount()).isEqualTo(trades.size());
        });
    }

    /** Trades and the seed of the order they arrive in. */
    private record Shuffle(List<TradeTick> trades, long seed) {
    }

    @Test
    void shouldNotDependOnArrivalOrder() {
        final Seeded.Gen<List<TradeTick>> trades = trades();
        Seeded.check(TRIES, random -> new Shuffle(trades.next(random), random.nextLong()), c -> {
            final List<TradeTick> shuffled = new ArrayList<>(c.trades());
            Collections.shuffle(shuffled, new Random(c.seed()));

            assertThat(fold(shuffled)).isEqualTo(fold(c.trades()));
        });
    }

    @Test
    void shouldMergeLikeAddingOneByOne() {
        Seeded.check(TRIES, trades(), trades -> {
            final int half = trades.size() / 2;
            if (half == 0) {
                return;
            }
            assertThat(fold(trades.subList(0, half)).merge(fold(trades.subList(half, trades.size())))).isEqualTo(fold(trades));
        });
    }

    private static Ohlcv fold(final List<TradeTick> trades) {
        Ohlcv candle = null;
        for (final TradeTick trade : trades) {
            candle = candle == null ? Ohlcv.of(trade) : candle.add(trade);
        }
        return candle;
    }

    /** 1 to 50 trades, sequence 1, 2, ...; times within ten minutes, prices up to ₹1 lakh, up to 100,000 shares. */
    private static Seeded.Gen<List<TradeTick>> trades() {
        final Seeded.Gen<Long> time = Seeded.longs(0, 600_000);
        final Seeded.Gen<Long> price = Seeded.longs(1, 10_000_000);
        final Seeded.Gen<Long> quantity = Seeded.longs(1, 100_000);
        final Seeded.Gen<long[]> fields = random -> new long[] {time.next(random), price.next(random), quantity.next(random)};
        return Seeded.lists(fields, 1, 50).map(rows -> {
            final List<TradeTick> trades = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                trades.add(new TradeTick(i + 1, rows.get(i)[0], rows.get(i)[1], rows.get(i)[2]));
            }
            return trades;
        });
    }
}
