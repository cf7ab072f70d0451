package io.bourse.edge.notify;

import io.bourse.avro.notifications.ChannelSetting;
import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.avro.notifications.NotificationCommand;
import io.bourse.avro.notifications.NotificationCommandType;
import io.bourse.avro.notifications.NotificationKind;
import io.bourse.edge.api.ApiException;
import io.bourse.edge.api.CurrentUser;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.notifications.core.Channel;
import io.bourse.notifications.core.Inbox;
import io.bourse.notifications.core.Preferences;
import io.bourse.notifications.topology.NotificationsQueries;
import io.bourse.schemas.catalogue.NotificationsNames;
import io.bourse.schemas.catalogue.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Your notification preferences, devices and in-app inbox. Changes are commands on
 * {@code notifications.commands} (the notifications topology applies them in order, so a change is
 * visible a moment after the 202); reads come from the topology's stores, from the node that owns the
 * user.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
public class NotificationsController {

    private static final String HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";
    private static final String E164_OR_EMPTY = "(\\+[1-9][0-9]{6,14})?";

    /**
     * A change of preferences; a field left out keeps its value.
     *
     * @param quietHoursStart local time {@code HH:mm} from which SMS and push are held; equal to the end for none
     * @param phone E.164 ({@code +919800000001}) for SMS; the empty string removes it
     * @param channels per kind (e.g. {@code ORDER_FILLED}), per channel ({@code EMAIL}, {@code SMS}, {@code PUSH},
     *     {@code IN_APP}): on or off
     */
    public record PreferencesRequest(@Size(max = 64) String timeZone, @Pattern(regexp = HH_MM) String quietHoursStart,
            @Pattern(regexp = HH_MM) String quietHoursEnd, @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}") String locale,
            @Pattern(regexp = E164_OR_EMPTY) String phone, @Size(max = 20) Map<String, Map<String, Boolean>> channels) {
    }

    /** A device to push to: its FCM registration token. */
    public record DeviceRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9:_.\\-]{1,4096}") String token) {
    }

    private final CommandPublisher publisher;
    private final StoreReads reads;
    private final Clock clock;

    public NotificationsController(final CommandPublisher publisher, final StoreReads reads, final Clock clock) {
        this.publisher = publisher;
        this.reads = reads;
        this.clock = clock;
    }

    @GetMapping("/preferences")
    @Operation(summary = "Your notification preferences: per kind and channel, quiet hours, time zone, contact details")
    public ResponseEntity<?> preferences(final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.NOTIFICATIONS, NotificationsNames.PREFERENCES.name(), userId, http, () -> view(
                NotificationsQueries.preferences(reads.store(TopologyRunner.NOTIFICATIONS, NotificationsNames.PREFERENCES.name()),
                        userId)));
    }

    @PutMapping("/preferences")
    @Operation(summary = "Change your notification preferences; fields left out keep their value. Applied a moment after the 202")
    public ResponseEntity<Map<String, Object>> update(@Valid @RequestBody final PreferencesRequest request) {
        final String userId = CurrentUser.id();
        final NotificationCommand.Builder command = command(userId, NotificationCommandType.UPDATE_PREFERENCES);
        if (request.timeZone() != null) {
            try {
                command.setTimeZone(ZoneId.of(request.timeZone()).getId());
            } catch (final DateTimeException e) {
                throw ApiException.badRequest("INVALID_TIME_ZONE", "timeZone must be an IANA zone such as Asia/Kolkata");
            }
        }
        if ((request.quietHoursStart() == null) != (request.quietHoursEnd() == null)) {
            throw ApiException.badRequest("INVALID_QUIET_HOURS", "Give both quietHoursStart and quietHoursEnd, or neither");
        }
        if (request.quietHoursStart() != null) {
            command.setQuietHoursStartMinute(minutes(request.quietHoursStart())).setQuietHoursEndMinute(minutes(request.quietHoursEnd()));
        }
        if (request.locale() != null) {
            command.setLocale(Locale.forLanguageTag(request.locale()).toLanguageTag());
        }
        command.setPhone(request.phone());
        command.setSettings(settings(request.channels()));
        return accepted(userId, command.build());
    }

    @PostMapping("/devices")
    @Operation(summary = "Register a device for push notifications (its FCM registration token)")
    public ResponseEntity<Map<String, Object>> device(@Valid @RequestBody final DeviceRequest request) {
        final String userId = CurrentUser.id();
        return accepted(userId, command(userId, NotificationCommandType.REGISTER_DEVICE).setPushToken(request.token()).build());
    }

    @GetMapping
    @Operation(summary = "Your in-app notifications, newest first, with the number unread")
    public ResponseEntity<?> inbox(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) final int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) final int size, final HttpServletRequest http) {
        final String userId = CurrentUser.id();
        return reads.byKey(TopologyRunner.NOTIFICATIONS, NotificationsNames.INBOX_HEADS.name(), userId, http, () -> {
            final Inbox inbox = NotificationsQueries.inbox(
                    reads.store(TopologyRunner.NOTIFICATIONS, NotificationsNames.INBOX_ENTRIES.name()),
                    reads.store(TopologyRunner.NOTIFICATIONS, NotificationsNames.INBOX.name()), userId);
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("page", page);
            body.put("size", size);
            body.put("total", inbox.entries().size());
            body.put("unread", inbox.unread());
            body.put("items", inbox.page(page, size).stream().map(NotificationsController::entry).toList());
            return body;
        });
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one of your in-app notifications read; an id not in your inbox changes nothing")
    public ResponseEntity<Map<String, Object>> read(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") final String id) {
        final String userId = CurrentUser.id();
        return accepted(userId, command(userId, NotificationCommandType.MARK_READ).setNotificationId(id).build());
    }

    /** One inbox entry as the API and the WebSocket channel show it. */
    public static Map<String, Object> entry(final Inbox.Entry e) {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.notificationId());
        view.put("kind", e.kind().name());
        view.put("subject", e.subject());
        view.put("text", e.text());
        view.put("createdAt", e.createdAt().toString());
        view.put("read", e.read());
        return view;
    }

    private static Map<String, Object> view(final Preferences p) {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("email", p.email());
        view.put("phone", p.phone());
        view.put("pushDevices", p.pushTokens().size());
        view.put("timeZone", p.zone().getId());
        view.put("quietHoursStart", p.quietHours().none() ? null : clock(p.quietHours().startMinute()));
        view.put("quietHoursEnd", p.quietHours().none() ? null : clock(p.quietHours().endMinute()));
        view.put("locale", p.locale().toLanguageTag());
        final Map<String, Map<String, Boolean>> channels = new LinkedHashMap<>();
        for (final io.bourse.notifications.core.NotificationKind kind : io.bourse.notifications.core.NotificationKind.values()) {
            final Map<String, Boolean> byChannel = new LinkedHashMap<>();
            for (final Channel channel : Channel.values()) {
                byChannel.put(channel.name(), p.enabled(kind, channel));
            }
            channels.put(kind.name(), byChannel);
        }
        view.put("channels", channels);
        return view;
    }

    private static List<ChannelSetting> settings(final Map<String, Map<String, Boolean>> channels) {
        final List<ChannelSetting> settings = new ArrayList<>();
        if (channels == null) {
            return settings;
        }
        for (final Map.Entry<String, Map<String, Boolean>> byKind : channels.entrySet()) {
            final NotificationKind kind = known(NotificationKind.class, byKind.getKey(), "UNKNOWN_NOTIFICATION_KIND");
            if (byKind.getValue() == null) {
                throw ApiException.badRequest("INVALID_CHANNELS", "channels." + byKind.getKey() + " must map channels to true or false");
            }
            for (final Map.Entry<String, Boolean> byChannel : byKind.getValue().entrySet()) {
                final NotificationChannel channel = known(NotificationChannel.class, byChannel.getKey(), "UNKNOWN_CHANNEL");
                if (byChannel.getValue() == null) {
                    throw ApiException.badRequest("INVALID_CHANNELS", "channels." + byKind.getKey() + "." + byChannel.getKey()
                            + " must be true or false");
                }
                settings.add(ChannelSetting.newBuilder().setKind(kind).setChannel(channel).setEnabled(byChannel.getValue()).build());
            }
        }
        return settings;
    }

    private static <E extends Enum<E>> E known(final Class<E> type, final String name, final String code) {
        try {
            final E value = Enum.valueOf(type, name == null ? "" : name);
            if (!value.name().equals("UNSPECIFIED")) {
                return value;
            }
        } catch (final IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.badRequest(code, "Unknown " + type.getSimpleName().replace("Notification", "").toLowerCase(Locale.ROOT)
                + " '" + (name == null ? "" : name.substring(0, Math.min(40, name.length()))) + "'");
    }

    private static int minutes(final String hhmm) {
        final LocalTime t = LocalTime.parse(hhmm);
        return t.getHour() * 60 + t.getMinute();
    }

    private static String clock(final int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    private NotificationCommand.Builder command(final String userId, final NotificationCommandType type) {
        return NotificationCommand.newBuilder().setCommandId("nc-" + UUID.randomUUID()).setType(type).setUserId(userId)
                .setTimestampMs(clock.instant());
    }

    private ResponseEntity<Map<String, Object>> accepted(final String userId, final NotificationCommand command) {
        publisher.send(Topics.NOTIFICATIONS_COMMANDS, userId, command).join();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("commandId", command.getCommandId(), "status", "ACCEPTED"));
    }
}
