package io.bourse.portfolio.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParkingScheduleTest {

    @Test
    void shouldRetryAtDoublingAgesAndNoMoreThanItsBoundWhateverTheTickIs() {
        for (final long tick : new long[] {1, 250, 1_000, 1_700, 60_000}) {
            final List<Long> retries = new ArrayList<>();
            for (long age = 0; age < ParkingSchedule.GIVE_UP_AFTER_MS; age += tick) {
                if (ParkingSchedule.due(age, age + tick)) {
                    retries.add(age + tick);
                }
            }
            assertThat(retries).as("tick %d ms", tick).hasSizeLessThanOrEqualTo(ParkingSchedule.MAX_RETRIES);
            if (tick == 1) {
                assertThat(retries).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L, 256_000L,
                        512_000L);
            }
        }
    }

    @Test
    void shouldGiveUpAtTenMinutesAndNotBefore() {
        assertThat(ParkingSchedule.givenUp(ParkingSchedule.GIVE_UP_AFTER_MS - 1)).isFalse();
        assertThat(ParkingSchedule.givenUp(ParkingSchedule.GIVE_UP_AFTER_MS)).isTrue();
        assertThat(ParkingSchedule.due(0, 999)).isFalse();
        assertThat(ParkingSchedule.due(512_000, ParkingSchedule.GIVE_UP_AFTER_MS)).isFalse();
    }
}
