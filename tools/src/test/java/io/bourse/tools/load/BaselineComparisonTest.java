package io.bourse.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BaselineComparisonTest {

    @Test
    void shouldSetEachLatencyAgainstTheRelayWithAsManyStagesAndTheThroughputAndCpuAgainstItsOwn() {
        final BaselineComparison.ExchangeStep exchange = new BaselineComparison.ExchangeStep(1000, 900, micros(90_000), null,
                micros(300_000), 1_200);
        final BaselineRelay.RelayStep relay = step(1000, 20_000, 20_000, 20_000, 20);
        final BaselineRelay.RelayStep otherRate = new BaselineRelay.RelayStep(5000, 100_000, 100_000, 100_000, 20, micros(45_000),
                micros(100_000), micros(20_000), micros(10), Optional.empty(), 10, 4);

        final List<BaselineComparison.Row> rows = BaselineComparison.print(List.of(exchange), List.of(otherRate, relay));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.offeredPerSecond()).isEqualTo(1000);
            assertThat(row.verdictRatio()).as("against two stages").isCloseTo(2.0, within(0.01));
            assertThat(row.fillRatio()).as("not measured").isNaN();
            assertThat(row.settledRatio()).as("against three stages").isCloseTo(3.0, within(0.01));
            assertThat(row.throughputShare()).isCloseTo(0.9, within(0.001));
            assertThat(row.cpuRatio()).as("1.2 ms per command against (6 + 2) s over 20,000 records").isCloseTo(3.0, within(0.001));
        });
    }

    @Test
    void shouldCountARateAsCarriedOnlyWhenEveryRecordCameThroughAtNineTenthsOfItOrMore() {
        assertThat(step(1000, 20_000, 20_000, 20_000, 22.0).carried()).as("20,000 in 22 s: 909/s").isTrue();
        assertThat(step(1000, 20_000, 20_000, 20_000, 23.0).carried()).as("20,000 in 23 s: 870/s").isFalse();
        assertThat(step(1000, 20_000, 20_000, 19_999, 20.0).carried()).as("one record not settled").isFalse();
        assertThat(step(1000, 20_000, 19_999, 20_000, 20.0).carried()).as("one record not answered").isFalse();
    }

    private static BaselineRelay.RelayStep step(final int rate, final long sent, final long answered, final long settled,
            final double elapsedSeconds) {
        return new BaselineRelay.RelayStep(rate, sent, answered, settled, elapsedSeconds, micros(45_000), micros(100_000), micros(20_000),
                micros(10), Optional.empty(), 6, 2);
    }

    private static Histogram micros(final long value) {
        final Histogram h = new Histogram(120_000_000L, 3);
        h.recordValueWithCount(value, 100);
        return h;
    }
}
