package io.bourse.benchmarks.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.matching.core.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenOrdersTest {

    @Test
    void shouldFindTheKthOldestOpenOrderLikeASortedSetWhileGrowing() {
        final long seed = 7;
        System.out.println("OpenOrdersTest seed=" + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final OpenOrders open = new OpenOrders(16);
        final TreeSet<Integer> expected = new TreeSet<>();
        for (int step = 0; step < 5_000; step++) {
            final int number = random.nextInt(2_000);
            final Side side = number % 2 == 0 ? Side.BUY : Side.SELL;
            if (random.nextInt(3) == 0) {
                open.close(number, side);
                expected.remove(number);
            } else {
                open.open(number, side);
                expected.add(number);
            }
            assertThat(open.count()).isEqualTo(expected.size());
            if (!expected.isEmpty()) {
                final int k = random.nextInt(expected.size());
                final List<Integer> sorted = new ArrayList<>(expected);
                assertThat(open.oldest(k)).as("step %d, k %d", step, k).isEqualTo(sorted.get(k));
            }
        }
        assertThat(open.count(Side.BUY)).isEqualTo(expected.stream().filter(n -> n % 2 == 0).count());
    }
}
