package io.bourse.notifications.dispatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DelivererTest {

    private static final Message SMS = new Message("n-1", "u-1", "DEPOSIT_CREDITED", Channel.SMS, "+919800000001", null, "hi", null,
            List.of());
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(100), 2.0, Duration.ofMillis(300));

    private final List<Duration> slept = new ArrayList<>();
    private final Deliverer deliverer = new Deliverer(POLICY, slept::add, () -> 0L);

    private static ChannelAdapter answering(final Attempt... answers) {
        final Deque<Attempt> queue = new ArrayDeque<>(List.of(answers));
        return new ChannelAdapter() {
            @Override
            public Channel channel() {
                return Channel.SMS;
            }

            @Override
            public Attempt send(final Message message) {
                return queue.size() > 1 ? queue.poll() : queue.peek();
            }
        };
    }

    @Test
    void shouldRetryTransientFailuresWithGrowingBackoffUntilAccepted() throws InterruptedException {
        final AtomicInteger retries = new AtomicInteger();

        final Settlement s = deliverer.deliver(answering(new Attempt.Transient("HTTP_503", null), new Attempt.Transient("TIMEOUT", null),
                new Attempt.Accepted("SM1")), SMS, retries::incrementAndGet);

        assertThat(s.status()).isEqualTo(Settlement.Status.SENT);
        assertThat(s.attempts()).isEqualTo(3);
        assertThat(s.providerId()).isEqualTo("SM1");
        assertThat(retries).hasValue(2);
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void shouldFailAtOnceOnAPermanentRefusal() throws InterruptedException {
        final Settlement s = deliverer.deliver(answering(new Attempt.Permanent("HTTP_400", "invalid number")), SMS, () -> { });

        assertThat(s.status()).isEqualTo(Settlement.Status.FAILED);
        assertThat(s.reason()).isEqualTo("HTTP_400: invalid number");
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void shouldFailWhenTheAttemptsRunOutCappingTheBackoff() throws InterruptedException {
        final Settlement s = deliverer.deliver(answering(new Attempt.Transient("HTTP_500", "boom")), SMS, () -> { });

        assertThat(s.status()).isEqualTo(Settlement.Status.FAILED);
        assertThat(s.reason()).isEqualTo("RETRIES_EXHAUSTED: HTTP_500 boom");
        assertThat(s.attempts()).isEqualTo(4);
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    }
}
