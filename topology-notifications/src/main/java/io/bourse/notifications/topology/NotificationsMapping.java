package io.bourse.notifications.topology;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.notifications.ChannelSetting;
import io.bourse.avro.notifications.InboxEntry;
import io.bourse.avro.notifications.Notification;
import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.avro.notifications.NotificationPreferences;
import io.bourse.avro.notifications.PendingFills;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.notifications.core.Channel;
import io.bourse.notifications.core.Conflation;
import io.bourse.notifications.core.Events;
import io.bourse.notifications.core.Inbox;
import io.bourse.notifications.core.NotificationKind;
import io.bourse.notifications.core.Preferences;
import io.bourse.notifications.core.QuietHours;
import io.bourse.notifications.core.Templates;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Avro records to and from the core's values, and the facts each event gives its templates. */
final class NotificationsMapping {

    private NotificationsMapping() {
    }

    static Preferences preferences(final NotificationPreferences stored) {
        Preferences p = Preferences.defaults().withEmail(stored.getEmail()).withPhone(stored.getPhone())
                .withZone(ZoneId.of(stored.getTimeZone()))
                .withQuietHours(new QuietHours(stored.getQuietHoursStartMinute(), stored.getQuietHoursEndMinute()))
                .withLocale(Locale.forLanguageTag(stored.getLocale()));
        for (final String token : stored.getPushTokens()) {
            p = p.withDevice(token);
        }
        for (final ChannelSetting setting : stored.getSettings()) {
            final Optional<NotificationKind> kind = kind(setting.getKind());
            final Optional<Channel> channel = channel(setting.getChannel());
            if (kind.isPresent() && channel.isPresent()) {
                p = p.with(kind.get(), channel.get(), setting.getEnabled());
            }
        }
        return p;
    }

    static NotificationPreferences preferences(final String userId, final Preferences p) {
        final List<ChannelSetting> settings = new ArrayList<>();
        // Kind then channel order, so equal preferences always encode to equal bytes.
        for (final NotificationKind kind : NotificationKind.values()) {
            for (final Channel channel : Channel.values()) {
                final Boolean enabled = p.choices().get(new Preferences.Choice(kind, channel));
                if (enabled != null) {
                    settings.add(new ChannelSetting(avroKind(kind), NotificationChannel.valueOf(channel.name()), enabled));
                }
            }
        }
        return NotificationPreferences.newBuilder().setUserId(userId).setEmail(p.email()).setPhone(p.phone())
                .setPushTokens(p.pushTokens()).setTimeZone(p.zone().getId())
                .setQuietHoursStartMinute(p.quietHours().startMinute()).setQuietHoursEndMinute(p.quietHours().endMinute())
                .setLocale(p.locale().toLanguageTag()).setSettings(settings).build();
    }

    static Optional<NotificationKind> kind(final io.bourse.avro.notifications.NotificationKind kind) {
        return kind == io.bourse.avro.notifications.NotificationKind.UNSPECIFIED ? Optional.empty()
                : Optional.of(NotificationKind.valueOf(kind.name()));
    }

    static Optional<Channel> channel(final NotificationChannel channel) {
        return channel == NotificationChannel.UNSPECIFIED ? Optional.empty() : Optional.of(Channel.valueOf(channel.name()));
    }

    static io.bourse.avro.notifications.NotificationKind avroKind(final NotificationKind kind) {
        return io.bourse.avro.notifications.NotificationKind.valueOf(kind.name());
    }

    static Conflation.Window window(final PendingFills p) {
        return new Conflation.Window(p.getOrderId(), p.getSymbol(), p.getSide(), p.getFirstEventId(), p.getOpenedAtMs(),
                p.getClosesAtMs(), p.getFills(), p.getQuantityShares(), p.getNotionalPaise(), p.getOrderQuantityShares(),
                p.getFilledQuantityShares());
    }

    static PendingFills pendingFills(final String userId, final Conflation.Window w) {
        return new PendingFills(userId, w.orderId(), w.symbol(), w.side(), w.firstEventId(), w.openedAt(), w.closesAt(),
                w.fills(), w.quantityShares(), w.notionalPaise(), w.orderQuantityShares(), w.filledQuantityShares());
    }

    static Conflation.Fill fill(final OrderEvent e) {
        return new Conflation.Fill(e.getEventId(), e.getOrderId(), e.getSymbol(), e.getSide().name(), e.getFillQuantityShares(),
                e.getFillPricePaise(), e.getQuantityShares(), e.getFilledQuantityShares(), e.getTimestampMs());
    }

    /** The facts of a burst of partial fills. */
    static Map<String, Object> facts(final Conflation.Window w) {
        final Map<String, Object> facts = order(w.orderId(), w.symbol(), w.side());
        facts.put("quantityShares", w.quantityShares());
        facts.put("averagePricePaise", w.averagePricePaise());
        facts.put("fills", w.fills());
        facts.put("many", w.fills() > 1);
        facts.put("filledQuantityShares", w.filledQuantityShares());
        facts.put("orderQuantityShares", w.orderQuantityShares());
        return facts;
    }

    /** The facts of an order event that is not a partial fill. */
    static Map<String, Object> facts(final OrderEvent e) {
        final Map<String, Object> facts = order(e.getOrderId(), e.getSymbol(), e.getSide().name());
        facts.put("orderQuantityShares", e.getQuantityShares());
        facts.put("filledQuantityShares", e.getFilledQuantityShares());
        facts.put("filledNotionalPaise", e.getFilledNotionalPaise());
        if (e.getFilledQuantityShares() > 0) {
            final long quantity = e.getFilledQuantityShares();
            facts.put("averagePricePaise", Math.addExact(e.getFilledNotionalPaise(), quantity / 2) / quantity);
        }
        facts.put("reason", Events.reasonText(e.getReasonCode() == null ? null : e.getReasonCode().name(), e.getReasonMessage()));
        return facts;
    }

    static Map<String, Object> facts(final PaymentEvent e) {
        final Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("amountPaise", e.getAmountPaise());
        // Templates name these facts unconditionally: fall back to the event's own id rather than fail the record.
        facts.put("withdrawalId", e.getWithdrawalId() != null ? e.getWithdrawalId() : e.getEventId());
        facts.put("reference", e.getProviderPaymentId() != null ? e.getProviderPaymentId()
                : e.getIntentId() != null ? e.getIntentId() : e.getEventId());
        facts.put("reason", Events.reasonText(e.getReason(), null));
        return facts;
    }

    static Map<String, Object> facts(final AccountEvent e) {
        final Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", e.getDisplayName());
        facts.put("email", e.getEmail());
        facts.put("reason", Events.reasonText(e.getReasonCode() == null ? null : e.getReasonCode().name(), e.getReasonMessage()));
        return facts;
    }

    private static Map<String, Object> order(final String orderId, final String symbol, final String side) {
        final boolean buy = side.equals("BUY");
        final Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("orderId", orderId);
        facts.put("symbol", symbol);
        facts.put("action", buy ? "buy" : "sell");
        facts.put("Action", buy ? "Buy" : "Sell");
        facts.put("verb", buy ? "bought" : "sold");
        facts.put("Verb", buy ? "Bought" : "Sold");
        return facts;
    }

    static Notification notification(final String notificationId, final String userId, final NotificationKind kind,
            final Channel channel, final Preferences preferences, final Templates.Rendered rendered, final Instant at,
            final Source source) {
        return Notification.newBuilder().setNotificationId(notificationId).setUserId(userId).setKind(avroKind(kind))
                .setChannel(NotificationChannel.valueOf(channel.name())).setRecipient(preferences.recipient(channel))
                .setLocale(preferences.locale().toLanguageTag()).setSubject(rendered.subject()).setBodyText(rendered.text())
                .setBodyHtml(rendered.html()).setCreatedAtMs(at).setSourceTopic(source.topic())
                .setSourceEventId(source.eventId()).setSourcePartition(source.partition()).setSourceOffset(source.offset())
                .setConflatedEvents(source.conflatedEvents())
                .setPushTokens(channel == Channel.PUSH ? preferences.pushTokens() : List.of()).build();
    }

    /** The entries as the core sees them; one of a kind this version does not know (a newer writer's) is left out rather than misnamed. */
    static List<Inbox.Entry> inboxEntries(final List<InboxEntry> stored) {
        return stored.stream().filter(e -> kind(e.getKind()).isPresent())
                .map(e -> new Inbox.Entry(e.getNotificationId(), kind(e.getKind()).orElseThrow(), e.getSubject(), e.getBodyText(),
                        e.getCreatedAtMs(), e.getRead())).toList();
    }

    static InboxEntry inboxEntry(final Inbox.Entry e) {
        return InboxEntry.newBuilder().setNotificationId(e.notificationId()).setKind(avroKind(e.kind()))
                .setSubject(e.subject()).setBodyText(e.text()).setCreatedAtMs(e.createdAt()).setRead(e.read()).build();
    }

    /** The inbox entry of an in-app notification; empty for a kind this version does not know. */
    static Optional<Inbox.Entry> inboxEntry(final Notification n) {
        return kind(n.getKind()).map(k -> new Inbox.Entry(n.getNotificationId(), k, n.getSubject(), n.getBodyText(),
                n.getCreatedAtMs(), false));
    }
}
