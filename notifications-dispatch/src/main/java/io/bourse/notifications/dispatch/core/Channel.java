package io.bourse.notifications.dispatch.core;

/** The channels the dispatcher delivers on. */
public enum Channel {
    EMAIL, SMS, PUSH, IN_APP
}
