package io.bourse.notifications.topology;

import java.util.Objects;

/**
 * What a notification is about: the event's topic and id, where the record was read (unknown for a
 * burst closed by time), and how many events it covers.
 */
record Source(String topic, String eventId, Integer partition, Long offset, int conflatedEvents) {

    Source {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(eventId, "eventId");
    }
}
