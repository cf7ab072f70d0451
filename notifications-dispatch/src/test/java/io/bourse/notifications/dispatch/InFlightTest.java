package io.bourse.notifications.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightTest {

    private final InFlight inFlight = new InFlight();

    @Test
    void shouldCommitUpToTheOldestNotificationNotYetSettled() {
        for (long offset = 10; offset < 14; offset++) {
            inFlight.handed(0, offset);
        }
        assertThat(inFlight.committable(List.of(0))).isEmpty();

        inFlight.begin(0, 0);
        inFlight.finish(0, 0, 11, true);
        inFlight.settledAtOnce(0, 13);
        assertThat(inFlight.committable(List.of(0))).as("10 is still in flight").isEmpty();
        assertThat(inFlight.uncommitted(0)).isEqualTo(4);

        inFlight.begin(0, 0);
        inFlight.finish(0, 0, 10, true);
        assertThat(inFlight.committable(List.of(0))).containsExactly(Map.entry(0, 12L));
        inFlight.committed(Map.of(0, 12L));
        assertThat(inFlight.committable(List.of(0))).isEmpty();
        assertThat(inFlight.uncommitted(0)).isEqualTo(2);

        inFlight.begin(0, 0);
        inFlight.finish(0, 0, 12, true);
        assertThat(inFlight.committable(List.of(0))).containsExactly(Map.entry(0, 14L));
    }

    @Test
    void shouldNotCommitPastAnAbandonedDelivery() {
        inFlight.handed(1, 0);
        inFlight.handed(1, 1);
        inFlight.begin(1, 0);
        inFlight.finish(1, 0, 0, false);
        inFlight.settledAtOnce(1, 1);

        assertThat(inFlight.committable(List.of(1))).isEmpty();
        assertThat(inFlight.uncommitted(1)).isEqualTo(2);
    }

    @Test
    void shouldDropWorkHandedOutBeforeARevocationAndWaitForWorkBegun() throws Exception {
        final int generation = inFlight.handed(2, 5);
        inFlight.handed(2, 6);
        assertThat(inFlight.begin(2, generation)).isTrue();

        final CompletableFuture<Boolean> revoked = CompletableFuture.supplyAsync(() -> {
            try {
                return inFlight.revoke(List.of(2), Duration.ofSeconds(30));
            } catch (final InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !inFlight.current(2, generation));
        assertThat(inFlight.begin(2, generation)).as("queued work of a revoked partition").isFalse();
        assertThat(revoked).isNotDone();

        inFlight.finish(2, generation, 5, true);
        assertThat(revoked.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(inFlight.committable(List.of(2))).containsExactly(Map.entry(2, 6L));
        assertThat(inFlight.revoke(List.of(2), Duration.ZERO)).isTrue();
    }

    @Test
    void shouldIgnoreALateFinishOfAnEarlierAssignment() throws InterruptedException {
        final int before = inFlight.handed(4, 7);
        inFlight.begin(4, before);
        assertThat(inFlight.revoke(List.of(4), Duration.ZERO)).as("the delivery is still running").isFalse();
        inFlight.forget(List.of(4));

        final int after = inFlight.handed(4, 7);
        inFlight.finish(4, before, 7, true);

        assertThat(after).isGreaterThan(before);
        assertThat(inFlight.committable(List.of(4))).as("7 is unsettled in the new assignment").isEmpty();
        assertThat(inFlight.begin(4, after)).isTrue();
        inFlight.finish(4, after, 7, true);
        assertThat(inFlight.committable(List.of(4))).containsExactly(Map.entry(4, 8L));
    }

    @Test
    void shouldGiveUpWaitingForARevokedDeliveryAfterTheTimeout() throws InterruptedException {
        final int generation = inFlight.handed(3, 0);
        inFlight.begin(3, generation);

        assertThat(inFlight.revoke(List.of(3), Duration.ofMillis(1))).isFalse();
    }
}
