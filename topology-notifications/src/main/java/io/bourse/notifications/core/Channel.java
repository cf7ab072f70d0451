package io.bourse.notifications.core;

/** Where a notification is delivered. The declaration order is the order a user's notifications are written in. */
public enum Channel {
    EMAIL,
    SMS,
    PUSH,
    IN_APP;

    /** Whether its messages have a subject or title line. */
    public boolean hasSubject() {
        return this != SMS;
    }

    /** The template file's base name, e.g. {@code in_app}. */
    public String templateName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
