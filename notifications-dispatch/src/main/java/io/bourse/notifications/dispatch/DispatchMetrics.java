package io.bourse.notifications.dispatch;

import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.Settlement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * The dispatcher's meters, tagged by channel: {@code bourse.notifications.sent}, {@code .failed},
 * {@code .skipped} (also tagged with the skip's {@code reason}: {@code TURNED_OFF}, {@code CHANNEL_DISABLED},
 * {@code NO_RECIPIENT}, {@code NO_DEVICE}, {@code UNKNOWN_CHANNEL}), {@code .retries}, {@code .replayed}
 * (settled before a restart, not sent again) and the timer {@code bourse.notifications.latency} (first
 * attempt to outcome, back-off included). Thread-safe, as Micrometer's meters are.
 */
final class DispatchMetrics {

    private final MeterRegistry registry;

    DispatchMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    void settled(final Channel channel, final Settlement settlement) {
        if (settlement.status() == Settlement.Status.SKIPPED) {
            Counter.builder("bourse.notifications.skipped").tag("channel", tag(channel)).tag("reason", code(settlement.reason()))
                    .register(registry).increment();
            return;
        }
        counter("bourse.notifications." + settlement.status().name().toLowerCase(Locale.ROOT), channel).increment();
        Timer.builder("bourse.notifications.latency").tag("channel", tag(channel)).publishPercentileHistogram()
                .register(registry).record(settlement.latency());
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

    /** The stable code a reason starts with ({@code CODE} or {@code CODE: the provider's words}). */
    private static String code(final String reason) {
        if (reason == null || reason.isBlank()) {
            return "none";
        }
        final int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static String tag(final Channel channel) {
        return channel == null ? "unknown" : channel.name().toLowerCase(Locale.ROOT);
    }
}
