package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TradeTapeTest {

    @Test
    void shouldCycleThroughSlots() {
        assertThat(TradeTape.slot(1, 3)).isZero();
        assertThat(TradeTape.slot(3, 3)).isEqualTo(2);
        assertThat(TradeTape.slot(4, 3)).isZero();
    }

    /** Every capacity from 1 to 20 with every count of trades from 0 to 70: 1,491 cases, so no sampling. */
    @Test
    void shouldHoldExactlyTheLastCapacityTradesNewestFirst() {
        for (int capacity = 1; capacity <= 20; capacity++) {
            for (int trades = 0; trades <= 70; trades++) {
                final Map<Integer, TapeTrade> slots = new HashMap<>();
                for (long n = 1; n <= trades; n++) {
                    // Sequences with holes: trade n has sequence 3n.
                    slots.put(TradeTape.slot(n, capacity), new TapeTrade("S-" + n, 3 * n, n, 100, 1, Side.BUY));
                }

                final List<TapeTrade> tape = TradeTape.newestFirst(slots.values(), capacity);

                final int last = trades;
                final int kept = capacity;
                final List<Long> expected = LongStream.iterate(last, n -> n > Math.max(0, last - kept), n -> n - 1)
                        .map(n -> 3 * n).boxed().toList();
                assertThat(tape).as("capacity %d, %d trades", capacity, trades)
                        .extracting(TapeTrade::sequence).containsExactlyElementsOf(expected);
            }
        }
    }
}
