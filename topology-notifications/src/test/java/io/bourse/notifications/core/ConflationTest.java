package io.bourse.notifications.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.testing.Seeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConflationTest {

    private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private final Conflation conflation = new Conflation(WINDOW);

    private static Conflation.Fill fill(final int n, final long millis, final long quantity, final long price) {
        return new Conflation.Fill("u-O" + n, "o1", "INFY", "BUY", quantity, price, 1_000, 10L * n, T0.plusMillis(millis));
    }

    @Test
    void shouldGatherABurstIntoOneWindowWithTotalQuantityAndAveragePrice() {
        Conflation.Step step = conflation.fill(Optional.empty(), fill(1, 0, 10, 152_000));
        step = conflation.fill(step.open(), fill(2, 400, 30, 152_050));
        step = conflation.fill(step.open(), fill(3, 1_999, 20, 151_900));

        assertThat(step.closed()).isEmpty();
        final Conflation.Window open = step.open().orElseThrow();
        assertThat(open.fills()).isEqualTo(3);
        assertThat(open.quantityShares()).isEqualTo(60);
        assertThat(open.notionalPaise()).isEqualTo(10 * 152_000L + 30 * 152_050L + 20 * 151_900L);
        assertThat(open.averagePricePaise()).isEqualTo(151_992L); // 9_119_500 / 60 = 151_991.67, half up
        assertThat(open.firstEventId()).isEqualTo("u-O1");
        assertThat(open.closesAt()).isEqualTo(T0.plus(WINDOW));
        assertThat(open.filledQuantityShares()).isEqualTo(30);
    }

    @Test
    void shouldCloseTheWindowWhenTimeReachesItsEndAndNotBefore() {
        final Conflation.Window open = conflation.fill(Optional.empty(), fill(1, 0, 10, 100)).open().orElseThrow();

        assertThat(conflation.due(open, T0.plusMillis(1_999))).isEmpty();
        assertThat(conflation.due(open, T0.plus(WINDOW))).contains(open);
    }

    @Test
    void shouldCloseTheWindowAndOpenTheNextWhenAFillComesAfterItsEnd() {
        final Conflation.Step first = conflation.fill(Optional.empty(), fill(1, 0, 10, 100));

        final Conflation.Step second = conflation.fill(first.open(), fill(2, 2_000, 5, 110));

        assertThat(second.closed()).isEqualTo(first.open());
        assertThat(second.open().orElseThrow().firstEventId()).isEqualTo("u-O2");
        assertThat(second.open().orElseThrow().quantityShares()).isEqualTo(5);
        assertThat(second.open().orElseThrow().closesAt()).isEqualTo(T0.plusMillis(4_000));
    }

    @Test
    void shouldEndTheWindowAtOnceWhenTheOrderEnds() {
        final Conflation.Step open = conflation.fill(Optional.empty(), fill(1, 0, 10, 100));

        assertThat(conflation.ended(open.open())).isEqualTo(new Conflation.Step(open.open(), Optional.empty()));
        assertThat(conflation.ended(Optional.empty())).isEqualTo(new Conflation.Step(Optional.empty(), Optional.empty()));
        assertThat(conflation.completed(open.open())).isEqualTo(new Conflation.Step(Optional.empty(), Optional.empty()));
    }

    @Test
    void shouldKeepNoWindowForAFillThatCompletesItsOrderAndTellTheSameAsBefore() {
        final Conflation.Fill completing = new Conflation.Fill("u-O9", "o1", "INFY", "BUY", 990, 100, 1_000, 1_000,
                T0.plusMillis(500));
        final Conflation.Fill late = new Conflation.Fill("u-O9", "o1", "INFY", "BUY", 990, 100, 1_000, 1_000, T0.plusMillis(2_500));
        final Conflation.Step first = conflation.fill(Optional.empty(), fill(1, 0, 10, 100));

        // Alone, or inside an open window: nothing to keep, nothing to tell; FILLED tells the whole order.
        assertThat(conflation.fill(Optional.empty(), completing)).isEqualTo(new Conflation.Step(Optional.empty(), Optional.empty()));
        assertThat(conflation.fill(first.open(), completing)).isEqualTo(new Conflation.Step(Optional.empty(), Optional.empty()));
        // After the window is over, its earlier fills are still told, as when the fill opened a window FILLED then dropped.
        assertThat(conflation.fill(first.open(), late)).isEqualTo(new Conflation.Step(first.open(), Optional.empty()));
        assertThat(conflation.completed(Optional.empty())).isEqualTo(new Conflation.Step(Optional.empty(), Optional.empty()));
        assertThat(new Conflation.Fill("u-O9", "o1", "INFY", "BUY", 5, 100, 0, 5, T0).completesOrder())
                .as("an order of unknown quantity").isFalse();
    }

    @Test
    void shouldRefuseAnEmptyWindowOrFill() {
        assertThatThrownBy(() -> new Conflation(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fill(1, 0, 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Fills of one order at non-decreasing times: gaps from 0 to 5 s, quantities and prices positive. */
    private static Seeded.Gen<List<Conflation.Fill>> bursts() {
        final Seeded.Gen<List<long[]>> steps = Seeded.lists(random -> new long[] {
            random.nextInt(4) == 0 ? random.nextLong(2_000, 5_000) : random.nextLong(0, 800),
            random.nextLong(1, 500), random.nextLong(1, 10_000_000)}, 1, 40);
        return steps.map(list -> {
            final List<Conflation.Fill> fills = new ArrayList<>();
            long at = 0;
            for (int i = 0; i < list.size(); i++) {
                at += list.get(i)[0];
                fills.add(fill(i + 1, at, list.get(i)[1], list.get(i)[2]));
            }
            return fills;
        });
    }

    /** The naive reference: walk the fills, cut a group when a fill is at or past its group's first fill plus the window. */
    private static List<List<Conflation.Fill>> reference(final List<Conflation.Fill> fills) {
        final List<List<Conflation.Fill>> groups = new ArrayList<>();
        for (final Conflation.Fill f : fills) {
            if (groups.isEmpty() || !f.at().isBefore(groups.get(groups.size() - 1).get(0).at().plus(WINDOW))) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(f);
        }
        return groups;
    }

    @Test
    void shouldAgreeWithTheNaiveGroupingAndLoseNoShare() {
        Seeded.check(500, bursts(), fills -> {
            final List<Conflation.Window> messages = new ArrayList<>();
            Optional<Conflation.Window> open = Optional.empty();
            for (final Conflation.Fill f : fills) {
                final Conflation.Step step = conflation.fill(open, f);
                step.closed().ifPresent(messages::add);
                open = step.open();
            }
            open.ifPresent(w -> messages.add(conflation.due(w, w.closesAt()).orElseThrow()));

            final List<List<Conflation.Fill>> groups = reference(fills);
            assertThat(messages).hasSameSizeAs(groups);
            for (int i = 0; i < groups.size(); i++) {
                final List<Conflation.Fill> group = groups.get(i);
                final Conflation.Window message = messages.get(i);
                assertThat(message.firstEventId()).isEqualTo(group.get(0).eventId());
                assertThat(message.fills()).isEqualTo(group.size());
                assertThat(message.quantityShares()).isEqualTo(group.stream().mapToLong(Conflation.Fill::quantityShares).sum());
                assertThat(message.notionalPaise())
                        .isEqualTo(group.stream().mapToLong(f -> f.quantityShares() * f.pricePaise()).sum());
                final long min = group.stream().mapToLong(Conflation.Fill::pricePaise).min().orElseThrow();
                final long max = group.stream().mapToLong(Conflation.Fill::pricePaise).max().orElseThrow();
                assertThat(message.averagePricePaise()).isBetween(min, max);
            }
            assertThat(messages.stream().mapToLong(Conflation.Window::quantityShares).sum())
                    .isEqualTo(fills.stream().mapToLong(Conflation.Fill::quantityShares).sum());
        });
    }
}
