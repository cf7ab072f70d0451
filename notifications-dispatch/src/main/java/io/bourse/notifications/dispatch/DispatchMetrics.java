package io.bourse.notifications.dispatch;

import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.Settlement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * The dispatcher's meters, tagged by channel: {@code bourse.notifications.sent}, {@code .failed},
 * {@code .skipped}, {@code .retries}, {@code .replayed} (settled before a restart, not sent again) and the
 * timer {@code bourse.notifications.latency} (first attempt to outcome, back-off included).
 */
final class DispatchMetrics {

    private final MeterRegistry registry;

    DispatchMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    void settled(final Channel channel, final Settlement settlement) {
        counter("bourse.notifications." + settlement.status().name().toLowerCase(Locale.ROOT), channel).increment();
        if (settlement.status() != Settlement.Status.SKIPPED) {
            Timer.builder("bourse.notifications.latency").tag("channel", tag(channel)).publishPercentileHistogram()
                    .register(registry).record(settlement.latency());
        }
    }

    void retried(final Channel channel) {
        counter("bourse.notifications.retries", channel).increment();
    }

    void replayed(final Channel channel) {
        counter("bourse.notifications.replayed", channel).increment();
    }

    private Counter counter(final String name, final Channel channel) {
        return Counter.builder(name).tag("channel", tag(channel)).register(registry);
    }

    private static String tag(final Channel channel) {
        return channel == null ? "unknown" : channel.name().toLowerCase(Locale.ROOT);
    }
}
