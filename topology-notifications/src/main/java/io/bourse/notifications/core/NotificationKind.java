package io.bourse.notifications.core;

/**
 * What a notification tells the user. Each kind has one template per {@link Channel}. A
 * {@linkplain #security() security} kind is about the account itself and is never held by quiet hours.
 */
public enum NotificationKind {
    ORDER_FILLED,
    ORDER_PARTIALLY_FILLED,
    ORDER_REJECTED,
    ORDER_EXPIRED,
    /** Cancelled by the exchange (IOC or market remainder, session close, an administrator), never by the user. */
    ORDER_CANCELLED,
    DEPOSIT_CREDITED,
    DEPOSIT_REFUSED,
    WITHDRAWAL_PAID,
    WITHDRAWAL_FAILED,
    WITHDRAWAL_REFUSED,
    KYC_APPROVED,
    KYC_REJECTED,
    ACCOUNT_SUSPENDED,
    REGISTERED;

    /** Whether the kind is about the account's safety: it reaches SMS and push even in quiet hours. */
    public boolean security() {
        return this == ACCOUNT_SUSPENDED;
    }

    /** The folder of its templates, e.g. {@code order_filled}. */
    public String templateName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
