package io.bourse.notifications.core;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which events of the exchange a user hears about, by the names of their types (the Avro enum
 * symbols, so this class needs no Avro). Events a user caused and sees at once on screen (an order
 * accepted, resting, amended, cancelled by the user) notify no one.
 */
public final class Events {

    /** Cancellations the user asked for themselves: nothing to tell them. */
    private static final Set<String> USER_CANCELLATIONS = Set.of("USER_CANCELLED");

    private Events() {
    }

    /**
     * The kind for an {@code orders.events} type. A {@code FILL} is a partial fill until its order
     * completes ({@code FILLED}); it goes through {@link Conflation}.
     */
    public static Optional<NotificationKind> ofOrderEvent(final String type, final String reasonCode) {
        return Optional.ofNullable(switch (type) {
            case "FILL" -> NotificationKind.ORDER_PARTIALLY_FILLED;
            case "FILLED" -> NotificationKind.ORDER_FILLED;
            case "REJECTED" -> NotificationKind.ORDER_REJECTED;
            case "EXPIRED" -> NotificationKind.ORDER_EXPIRED;
            case "CANCELLED" -> reasonCode != null && USER_CANCELLATIONS.contains(reasonCode) ? null : NotificationKind.ORDER_CANCELLED;
            default -> null;
        });
    }

    /** The kind for a {@code payments.events} type; intents, requests and failed payment attempts notify no one. */
    public static Optional<NotificationKind> ofPaymentEvent(final String type) {
        return Optional.ofNullable(switch (type) {
            case "DEPOSIT_CONFIRMED" -> NotificationKind.DEPOSIT_CREDITED;
            case "DEPOSIT_REJECTED" -> NotificationKind.DEPOSIT_REFUSED;
            case "PAYOUT_SUCCEEDED" -> NotificationKind.WITHDRAWAL_PAID;
            case "PAYOUT_FAILED", "PAYOUT_REVERSED" -> NotificationKind.WITHDRAWAL_FAILED;
            case "WITHDRAWAL_REFUSED" -> NotificationKind.WITHDRAWAL_REFUSED;
            default -> null;
        });
    }

    /** The kind for an {@code accounts.events} type. */
    public static Optional<NotificationKind> ofAccountEvent(final String type) {
        return Optional.ofNullable(switch (type) {
            case "REGISTERED" -> NotificationKind.REGISTERED;
            case "KYC_APPROVED" -> NotificationKind.KYC_APPROVED;
            case "KYC_REJECTED" -> NotificationKind.KYC_REJECTED;
            case "SUSPENDED" -> NotificationKind.ACCOUNT_SUSPENDED;
            default -> null;
        });
    }

    /** A reason a person can read: the message when there is one, else the code in words ({@code INSUFFICIENT_FUNDS}: "insufficient funds"). */
    public static String reasonText(final String code, final String message) {
        if (message != null && !message.isBlank()) {
            return message;
        }
        if (code == null || code.isBlank() || code.equals("UNSPECIFIED")) {
            return "no reason given";
        }
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
