package io.bourse.notifications.core;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A daily span of local time, {@code [start, end)}, in which SMS and push stay silent. It may run over
 * midnight (start after end); equal ends mean no quiet hours. Minute precision.
 *
 * @param startMinute minutes after local midnight, 0 to 1439
 * @param endMinute minutes after local midnight, 0 to 1439, exclusive
 */
public record QuietHours(int startMinute, int endMinute) {

    public static final QuietHours NONE = new QuietHours(0, 0);

    private static final int MINUTES_PER_DAY = 24 * 60;

    public QuietHours {
        if (startMinute < 0 || startMinute >= MINUTES_PER_DAY || endMinute < 0 || endMinute >= MINUTES_PER_DAY) {
            throw new IllegalArgumentException("quiet hours must be minutes of a day: " + startMinute + ".." + endMinute);
        }
    }

    public static QuietHours between(final LocalTime start, final LocalTime end) {
        return new QuietHours(start.getHour() * 60 + start.getMinute(), end.getHour() * 60 + end.getMinute());
    }

    public boolean none() {
        return startMinute == endMinute;
    }

    /**
     * Whether {@code at} falls in the quiet hours of {@code zone}. The wall clock of the zone decides,
     * so quiet hours follow a daylight-saving change: 22:00 in London is 21:00 UTC in summer and
     * 22:00 UTC in winter.
     */
    public boolean contains(final Instant at, final ZoneId zone) {
        if (none()) {
            return false;
        }
        final LocalTime local = at.atZone(zone).toLocalTime();
        final int minute = local.getHour() * 60 + local.getMinute();
        return startMinute < endMinute
                ? minute >= startMinute && minute < endMinute
                : minute >= startMinute || minute < endMinute;
    }
}
