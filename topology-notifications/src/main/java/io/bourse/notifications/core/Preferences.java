package io.bourse.notifications.core;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One user's notification preferences and contact details. Immutable; every change returns a copy.
 *
 * <p>Defaults, for every pair the user has not chosen:
 * <ul>
 *   <li>in-app: on for every kind;</li>
 *   <li>e-mail: on for fills, deposits, withdrawals, KYC and security (registration, suspension);
 *       off for rejections, expiries and cancellations, which the trader sees on screen;</li>
 *   <li>push: the same kinds as e-mail;</li>
 *   <li>SMS: on for money leaving or arriving (deposit credited, withdrawal paid or failed) and
 *       suspension only, as each SMS costs.</li>
 * </ul>
 * A channel is used only when it can reach the user: e-mail needs an address, SMS a phone number,
 * push at least one device token. So SMS and push stay off until a phone or token exists.
 *
 * @param email verified e-mail address, or {@code null}
 * @param phone verified phone number (E.164), or {@code null}
 * @param pushTokens push tokens of the user's devices, in registration order, without repeats
 * @param zone the zone the quiet hours are read in
 * @param quietHours when SMS and push stay silent
 * @param locale the language messages are rendered in
 * @param choices the user's own choices, overriding the defaults
 */
public record Preferences(String email, String phone, List<String> pushTokens, ZoneId zone, QuietHours quietHours,
        Locale locale, Map<Choice, Boolean> choices) {

    /** Where a new user's quiet hours are read until they say otherwise: the exchange's zone. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Kolkata");

    /**
     * E-mail by default: money, KYC and the account's security. Not fills: an active trader fills
     * hundreds of orders a day, and a mailbox is not where executions belong (the private channel, the
     * inbox and a phone's push are); a user who wants them by mail turns them on.
     */
    private static final Set<NotificationKind> EMAIL_BY_DEFAULT = EnumSet.of(NotificationKind.DEPOSIT_CREDITED,
            NotificationKind.DEPOSIT_REFUSED, NotificationKind.WITHDRAWAL_PAID, NotificationKind.WITHDRAWAL_FAILED,
            NotificationKind.WITHDRAWAL_REFUSED, NotificationKind.KYC_APPROVED, NotificationKind.KYC_REJECTED,
            NotificationKind.ACCOUNT_SUSPENDED, NotificationKind.REGISTERED);
    /** Push by default, once a device is registered: what e-mail gets, and fills. */
    private static final Set<NotificationKind> PUSH_BY_DEFAULT = EnumSet.of(NotificationKind.ORDER_FILLED,
            NotificationKind.ORDER_PARTIALLY_FILLED, NotificationKind.DEPOSIT_CREDITED, NotificationKind.DEPOSIT_REFUSED,
            NotificationKind.WITHDRAWAL_PAID, NotificationKind.WITHDRAWAL_FAILED, NotificationKind.WITHDRAWAL_REFUSED,
            NotificationKind.KYC_APPROVED, NotificationKind.KYC_REJECTED, NotificationKind.ACCOUNT_SUSPENDED,
            NotificationKind.REGISTERED);
    private static final Set<NotificationKind> SMS_BY_DEFAULT = EnumSet.of(NotificationKind.DEPOSIT_CREDITED,
            NotificationKind.WITHDRAWAL_PAID, NotificationKind.WITHDRAWAL_FAILED, NotificationKind.ACCOUNT_SUSPENDED);

    /** One (kind, channel) pair a user can turn on or off. */
    public record Choice(NotificationKind kind, Channel channel) {
        public Choice {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(channel, "channel");
        }
    }

    public Preferences {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(locale, "locale");
        pushTokens = List.copyOf(pushTokens);
        choices = Map.copyOf(choices);
    }

    /** A user nobody has told anything about yet. */
    public static Preferences defaults() {
        return new Preferences(null, null, List.of(), DEFAULT_ZONE, QuietHours.NONE, Locale.ENGLISH, Map.of());
    }

    /** Whether {@code kind} is on for {@code channel} by default. */
    public static boolean onByDefault(final NotificationKind kind, final Channel channel) {
        return switch (channel) {
            case IN_APP -> true;
            case EMAIL -> EMAIL_BY_DEFAULT.contains(kind);
            case PUSH -> PUSH_BY_DEFAULT.contains(kind);
            case SMS -> SMS_BY_DEFAULT.contains(kind);
        };
    }

    /** Whether the user wants {@code kind} on {@code channel}: their choice, else the default. */
    public boolean enabled(final NotificationKind kind, final Channel channel) {
        return choices.getOrDefault(new Choice(kind, channel), onByDefault(kind, channel));
    }

    /** Whether the user can be reached on {@code channel} at all. */
    public boolean reachable(final Channel channel) {
        return switch (channel) {
            case IN_APP -> true;
            case EMAIL -> email != null;
            case SMS -> phone != null;
            case PUSH -> !pushTokens.isEmpty();
        };
    }

    /** The address to deliver to on {@code channel}: e-mail or phone; {@code null} for push (every token) and in-app. */
    public String recipient(final Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> phone;
            case PUSH, IN_APP -> null;
        };
    }

    public Preferences withEmail(final String newEmail) {
        return new Preferences(newEmail, phone, pushTokens, zone, quietHours, locale, choices);
    }

    /** @param newPhone a number, or {@code null} to remove it */
    public Preferences withPhone(final String newPhone) {
        return new Preferences(email, newPhone, pushTokens, zone, quietHours, locale, choices);
    }

    /** Adds a device's push token; a token already known changes nothing. */
    public Preferences withDevice(final String token) {
        if (pushTokens.contains(token)) {
            return this;
        }
        final List<String> tokens = new ArrayList<>(pushTokens);
        tokens.add(token);
        return new Preferences(email, phone, tokens, zone, quietHours, locale, choices);
    }

    public Preferences withoutDevice(final String token) {
        final List<String> tokens = new ArrayList<>(pushTokens);
        tokens.remove(token);
        return new Preferences(email, phone, tokens, zone, quietHours, locale, choices);
    }

    public Preferences withZone(final ZoneId newZone) {
        return new Preferences(email, phone, pushTokens, newZone, quietHours, locale, choices);
    }

    public Preferences withQuietHours(final QuietHours newQuietHours) {
        return new Preferences(email, phone, pushTokens, zone, newQuietHours, locale, choices);
    }

    public Preferences withLocale(final Locale newLocale) {
        return new Preferences(email, phone, pushTokens, zone, quietHours, newLocale, choices);
    }

    /** The user's choice for one pair; a choice equal to the default is kept, so it stays if defaults change. */
    public Preferences with(final NotificationKind kind, final Channel channel, final boolean enabled) {
        final Map<Choice, Boolean> next = new LinkedHashMap<>(choices);
        next.put(new Choice(kind, channel), enabled);
        return new Preferences(email, phone, pushTokens, zone, quietHours, locale, next);
    }
}
