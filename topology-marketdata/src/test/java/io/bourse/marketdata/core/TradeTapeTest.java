package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TradeTapeTest {

    @Test
    void shouldCycleThroughSlots() {
        assertThat(TradeTape.slot(1, 3)).isZero();
        assertThat(TradeTape.slot(3, 3)).isEqualTo(2);
        assertThat(TradeTape.slot(4, 3)).isZero();
    }

    @Property
    void shouldHoldExactlyTheLastCapacityTradesNewestFirst(@ForAll @IntRange(min = 1, max = 20) final int capacity,
            @ForAll @IntRange(min = 0, max = 70) final int trades) {
        final Map<Integer, TapeTrade> slots = new HashMap<>();
        for (long n = 1; n <= trades; n++) {
            // Sequences with holes: trade n has sequence 3n.
            slots.put(TradeTape.slot(n, capacity), new TapeTrade("S-" + n, 3 * n, n, 100, 1, Side.BUY));
        }

        final List<TapeTrade> tape = TradeTape.newestFirst(slots.values(), capacity);

        final List<Long> expected = LongStream.iterate(trades, n -> n > Math.max(0, trades - capacity), n -> n - 1)
                .map(n -> 3 * n).boxed().toList();
        assertThat(tape).extracting(TapeTrade::sequence).containsExactlyElementsOf(expected);
    }
}
