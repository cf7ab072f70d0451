package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.testing.Seeded;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CandleIntervalTest {

    private static long ms(final String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void shouldStartDailyCandlesAtIstMidnight() {
        // 2024-03-01 00:00 IST is 2024-02-29 18:30 UTC.
        assertThat(CandleInterval.D1.windowStart(ms("2024-02-29T18:30:00Z"))).isEqualTo(ms("2024-02-29T18:30:00Z"));
        assertThat(CandleInterval.D1.windowStart(ms("2024-03-01T10:00:00Z"))).isEqualTo(ms("2024-02-29T18:30:00Z"));
        assertThat(CandleInterval.D1.windowStart(ms("2024-02-29T18:29:59.999Z"))).isEqualTo(ms("2024-02-28T18:30:00Z"));
        assertThat(CandleInterval.D1.windowEnd(ms("2024-02-29T18:30:00Z"))).isEqualTo(ms("2024-03-01T18:30:00Z"));
    }

    @Test
    void shouldStartHourlyCandlesOnIstHours() {
        assertThat(CandleInterval.H1.windowStart(ms("2024-03-01T04:00:00Z"))).isEqualTo(ms("2024-03-01T03:30:00Z"));
        assertThat(CandleInterval.H1.windowStart(ms("2024-03-01T04:30:00Z"))).isEqualTo(ms("2024-03-01T04:30:00Z"));
    }

    @Test
    void shouldAlignMinuteCandlesAsInUtc() {
        assertThat(CandleInterval.M1.windowStart(ms("2024-03-01T04:07:59.999Z"))).isEqualTo(ms("2024-03-01T04:07:00Z"));
        assertThat(CandleInterval.M5.windowStart(ms("2024-03-01T04:07:00Z"))).isEqualTo(ms("2024-03-01T04:05:00Z"));
        assertThat(CandleInterval.M15.windowStart(ms("2024-03-01T04:29:59Z"))).isEqualTo(ms("2024-03-01T04:15:00Z"));
    }

    @Test
    void shouldCloseBucketWhenWatermarkReachesEndPlusGrace() {
        final long start = ms("2024-03-01T04:07:00Z");
        final long end = CandleInterval.M1.windowEnd(start);
        assertThat(CandleInterval.M1.isClosed(start, end + 29_999, 30_000)).isFalse();
        assertThat(CandleInterval.M1.isClosed(start, end + 30_000, 30_000)).isTrue();
        assertThat(CandleInterval.M1.isClosed(start, end, 0)).isTrue();
    }

    @Test
    void shouldPlaceEveryInstantInsideItsBucketAndNestBucketsInTheDay() {
        Seeded.check(1_000, Seeded.longs(-100_000_000_000L, 4_000_000_000_000L), time -> {
            final long day = CandleInterval.D1.windowStart(time);
            for (final CandleInterval interval : CandleInterval.values()) {
                final long start = interval.windowStart(time);
                assertThat(start).isLessThanOrEqualTo(time);
                assertThat(interval.windowEnd(start)).isGreaterThan(time);
                assertThat(start).isGreaterThanOrEqualTo(day);
                assertThat((start - day) % interval.lengthMs()).isZero();
            }
        });
    }
}
