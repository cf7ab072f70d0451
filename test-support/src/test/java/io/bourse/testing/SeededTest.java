package io.bourse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SeededTest {

    @Test
    void shouldNameTheFailingSeedAndCaseAndReplayThatCaseFirstFromTheSeed() {
        final Seeded.Gen<List<Long>> gen = Seeded.lists(Seeded.longs(0, 1_000), 1, 5);
        final AssertionError failure = catchThrowableOfType(AssertionError.class,
                () -> Seeded.check(1_000, gen, values -> assertThat(values).allMatch(v -> v < 900)));

        final Matcher seed = Pattern.compile("with seed (-?\\d+) \\(replay: -Dbourse\\.seed=\\1\\)").matcher(failure.getMessage());
        assertThat(seed.find()).as(failure.getMessage()).isTrue();
        final List<Long> failingCase = gen.next(new SplittableRandom(Long.parseLong(seed.group(1))));
        assertThat(failure.getMessage()).contains("case: " + failingCase);
        assertThat(failingCase).anyMatch(v -> v >= 900);

        final List<List<Long>> replayed = new ArrayList<>();
        final String before = System.getProperty(Seeded.SEED_PROPERTY);
        System.setProperty(Seeded.SEED_PROPERTY, seed.group(1));
        try {
            Seeded.check(3, gen, replayed::add);
        } finally {
            if (before == null) {
                System.clearProperty(Seeded.SEED_PROPERTY);
            } else {
                System.setProperty(Seeded.SEED_PROPERTY, before);
            }
        }
        assertThat(replayed.get(0)).isEqualTo(failingCase);
        assertThat(replayed.get(1)).as("later tries move on").isNotEqualTo(failingCase);
    }

    @Test
    void shouldStayInRangeAndReachItsEnds() {
        final SplittableRandom random = new SplittableRandom(7);
        final Seeded.Gen<Long> longs = Seeded.longs(-5, 5);
        final Seeded.Gen<List<Integer>> lists = Seeded.lists(Seeded.ints(1, 1), 0, 3);
        final List<Long> drawn = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            drawn.add(longs.next(random));
            sizes.add(lists.next(random).size());
        }

        assertThat(drawn).allMatch(v -> v >= -5 && v <= 5).contains(-5L, 5L, 0L);
        assertThat(sizes).allMatch(n -> n >= 0 && n <= 3).contains(0, 3);
        assertThat(Seeded.longs(Long.MAX_VALUE - 1, Long.MAX_VALUE).next(random)).isGreaterThanOrEqualTo(Long.MAX_VALUE - 1);
        assertThat(Seeded.longs(Long.MIN_VALUE, Long.MIN_VALUE).next(random)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldPickByWeight() {
        final SplittableRandom random = new SplittableRandom(11);
        final Seeded.Gen<Long> gen = Seeded.frequency(Seeded.weight(3, r -> 0L), Seeded.weight(1, r -> 1L));
        long ones = 0;
        for (int i = 0; i < 4_000; i++) {
            ones += gen.next(random);
        }
        assertThat(ones).isBetween(850L, 1_150L);
    }
}
