package io.bourse.notifications.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.notifications.Notification;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.testing.Seeded;
import io.bourse.testing.streams.TopologyHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays write nothing: a seeded stream of order, payment and account events for a few users, run
 * once as it is and once with copies of earlier records slipped in, writes the same notifications.
 */
class ReplayPropertiesTest {

    private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
    private static final String[] USERS = {"u-a", "u-b", "u-c"};

    @TempDir
    Path stateDir;

    /** One input record: topic, key, value and record time. */
    record Input(String topic, String user, SpecificRecord value, Instant at) {
        @Override
        public String toString() {
            return topic + "/" + user + "@" + at.toEpochMilli() + ":" + value.getClass().getSimpleName();
        }
    }

    /** An original stream and the same stream with replays. */
    record Script(List<Input> original, List<Input> withReplays) {
        @Override
        public String toString() {
            return original.size() + " records, " + (withReplays.size() - original.size()) + " replays: " + withReplays;
        }
    }

    private static Seeded.Gen<Script> scripts() {
        return random -> {
            final List<Input> original = new ArrayList<>();
            final Map<String, long[]> sequences = new HashMap<>();
            final Map<String, long[]> filled = new HashMap<>();
            Instant at = START;
            final int n = random.nextInt(5, 40);
            for (int i = 0; i < n; i++) {
                at = at.plusMillis(random.nextInt(4) == 0 ? random.nextLong(1_500, 4_000) : random.nextLong(0, 700));
                final String user = USERS[random.nextInt(USERS.length)];
                final long[] seq = sequences.computeIfAbsent(user, u -> new long[2]);
                switch (random.nextInt(4)) {
                    case 0 -> original.add(new Input(Topics.ACCOUNTS_EVENTS.name(), user, AccountEvent.newBuilder()
                            .setEventId(user + "-A" + ++seq[1]).setSequence(seq[1])
                            .setType(seq[1] == 1 ? AccountEventType.REGISTERED : AccountEventType.KYC_APPROVED).setUserId(user)
                            .setEmail(user + "@example.com").setKycStatus(KycStatus.APPROVED).setSuspended(false)
                            .setTimestampMs(at).build(), at));
                    case 1 -> original.add(new Input(Topics.PAYMENTS_EVENTS.name(), user, PaymentEvent.newBuilder()
                            .setEventId("p" + i + ":DEPOSIT_CONFIRMED").setType(PaymentEventType.DEPOSIT_CONFIRMED).setUserId(user)
                            .setProvider("sandbox").setProviderPaymentId("pay" + i).setAmountPaise(random.nextLong(1, 10_000_000))
                            .setTimestampMs(at).build(), at));
                    default -> {
                        final long[] f = filled.computeIfAbsent(user, u -> new long[1]);
                        final long quantity = random.nextLong(1, 20);
                        f[0] += quantity;
                        final boolean done = random.nextInt(5) == 0;
                        original.add(new Input(Topics.ORDERS_EVENTS.name(), user, order(user, ++seq[0], OrderEventType.FILL, f[0],
                                quantity, at), at));
                        if (done) {
                            original.add(new Input(Topics.ORDERS_EVENTS.name(), user, order(user, ++seq[0],
                                    random.nextBoolean() ? OrderEventType.FILLED : OrderEventType.CANCELLED, f[0], null, at), at));
                            f[0] = 0;
                        }
                    }
                }
            }
            return new Script(original, withReplays(original, random));
        };
    }

    private static OrderEvent order(final String user, final long sequence, final OrderEventType type, final long filled,
            final Long quantity, final Instant at) {
        return OrderEvent.newBuilder().setEventId(user + "-O" + sequence).setSequence(sequence).setType(type).setOrderId("o-" + user)
                .setUserId(user).setSymbol("INFY").setSide(Side.SELL).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantityShares(10_000).setFilledQuantityShares(filled).setRemainingQuantityShares(10_000 - filled)
                .setFilledNotionalPaise(filled * 150_000).setFillQuantityShares(quantity).setFillPricePaise(quantity == null ? null : 150_000L)
                .setReasonCode(type == OrderEventType.CANCELLED ? ReasonCode.ADMIN_CANCELLED : null).setTimestampMs(at).build();
    }

    /** The original with copies of earlier records (their original times kept) after random positions. */
    private static List<Input> withReplays(final List<Input> original, final SplittableRandom random) {
        final List<Input> out = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            out.add(original.get(i));
            if (random.nextInt(3) == 0) {
                out.add(original.get(random.nextInt(i + 1)));
            }
        }
        return out;
    }

    private List<Notification> run(final List<Input> inputs) {
        try (TopologyHarness harness = new TopologyHarness("replay")) {
            final Map<String, Object> serde = harness.serdeConfig();
            final TopologyTestDriver driver = harness.start(NotificationsTopology.build(NotificationsConfig.DEFAULTS, serde),
                    "replay-test", stateDir.resolve(UUID.randomUUID().toString()), StreamsConfig.AT_LEAST_ONCE, START);
            final StringSerializer keys = new StringSerializer();
            for (final Input input : inputs) {
                @SuppressWarnings("unchecked")
                final org.apache.kafka.common.serialization.Serializer<SpecificRecord> values =
                        (org.apache.kafka.common.serialization.Serializer<SpecificRecord>) (Object)
                                Topics.byName(input.topic()).orElseThrow().valueSerde(serde).serializer();
                driver.createInputTopic(input.topic(), keys, values).pipeInput(input.user(), input.value(), input.at());
            }
            // Move stream time past every open window so the last bursts are written too.
            driver.createInputTopic(Topics.ACCOUNTS_EVENTS.name(), keys, Topics.ACCOUNTS_EVENTS.valueSerde(serde).serializer())
                    .pipeInput("u-end", AccountEvent.newBuilder().setEventId("u-end-A1").setSequence(1)
                            .setType(AccountEventType.KYC_SUBMITTED).setUserId("u-end").setEmail("end@example.com")
                            .setKycStatus(KycStatus.PENDING).setSuspended(false).setTimestampMs(Instant.parse("2027-01-01T00:00:00Z"))
                            .build(), Instant.parse("2027-01-01T00:00:00Z"));
            return harness.output(driver, Topics.NOTIFICATIONS).readValuesToList();
        }
    }

    private static List<Notification> withoutOffsets(final List<Notification> notifications) {
        return notifications.stream().map(n -> Notification.newBuilder(n).setSourceOffset(null).build()).toList();
    }

    @Test
    void shouldWriteTheSameNotificationsWhateverIsReplayed() {
        Seeded.check(25, scripts(), script -> {
            // The replays shift the offsets of the records after them; everything else must be equal.
            final List<Notification> once = withoutOffsets(run(script.original()));
            final List<Notification> replayed = withoutOffsets(run(script.withReplays()));

            assertThat(replayed).isEqualTo(once);
            assertThat(once).extracting(Notification::getNotificationId).doesNotHaveDuplicates();
        });
    }
}
