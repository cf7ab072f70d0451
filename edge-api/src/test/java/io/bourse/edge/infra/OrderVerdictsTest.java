package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.ReasonCode;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.edge.infra.OrderVerdicts.Verdict;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Each waiting request hears the verdict on itself: its own command's results, complete, or its refusal. */
class OrderVerdictsTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

    private final EventHub hub = new EventHub(null);
    private final OrderVerdicts verdicts = new OrderVerdicts(hub);
    private final AtomicInteger decodes = new AtomicInteger();

    @Test
    void shouldAnswerAPlaceWithEveryResultOfItsCommandUpToTheLast() {
        final CompletableFuture<Verdict> place = verdicts.expectPlace("bob", "o-1");

        deliver(Topics.MATCHING_RESULTS, result("bob", "o-1", "c-place", MatchingResultType.FILL, 3, 2, false));
        assertThat(place).isNotDone();
        deliver(Topics.MATCHING_RESULTS, result("bob", "o-1", "c-place", MatchingResultType.RESTING, 3, 2, true));
        // A later command's result for the same order belongs to that command's request, not to the place.
        deliver(Topics.MATCHING_RESULTS, result("bob", "o-1", "c-cancel", MatchingResultType.CANCELLED, 3, 0, true));

        final Verdict verdict = verdicts.within(place, Duration.ofSeconds(1)).join().orElseThrow();
        assertThat(verdict.refusedByPortfolio()).isFalse();
        assertThat(verdict.results()).extracting(MatchingResult::getType)
                .containsExactly(MatchingResultType.FILL, MatchingResultType.RESTING);
        assertThat(verdict.last().getRemainingQuantityShares()).isEqualTo(2);
    }

    @Test
    void shouldGiveEachOfTwoRacingAmendsItsOwnAnswer() {
        final CompletableFuture<Verdict> first = verdicts.expectCommand("bob", "o-1", "c-1");
        final CompletableFuture<Verdict> second = verdicts.expectCommand("bob", "o-1", "c-2");

        deliver(Topics.ORDERS_EVENTS, refusal("bob", "o-1", "c-2", OrderEventType.AMEND_REJECTED, ReasonCode.AMEND_PENDING));
        assertThat(first).isNotDone();
        deliver(Topics.MATCHING_RESULTS, result("bob", "o-1", "c-1", MatchingResultType.AMENDED, 5, 0, true));

        assertThat(verdicts.within(first, Duration.ofSeconds(1)).join().orElseThrow().last().getType())
                .isEqualTo(MatchingResultType.AMENDED);
        assertThat(verdicts.within(second, Duration.ofSeconds(1)).join().orElseThrow().refusal().getReasonCode())
                .isEqualTo(ReasonCode.AMEND_PENDING);
    }

    @Test
    void shouldLetARetryShareTheOriginalsWaitAndIgnoreAcceptedAndSettlementEchoes() {
        final CompletableFuture<Verdict> original = verdicts.expectPlace("bob", "o-1");
        final CompletableFuture<Verdict> retry = verdicts.expectPlace("bob", "o-1");
        assertThat(retry).isSameAs(original);

        deliver(Topics.ORDERS_EVENTS, refusal("bob", "o-1", "c-place", OrderEventType.ACCEPTED, null));
        deliver(Topics.ORDERS_EVENTS, refusal("bob", "o-1", null, OrderEventType.REJECTED, ReasonCode.PRICE_OUTSIDE_BAND));
        assertThat(original).isNotDone();
        deliver(Topics.ORDERS_EVENTS, refusal("bob", "o-1", "c-place", OrderEventType.REJECTED, ReasonCode.INSUFFICIENT_FUNDS));

        assertThat(original.join().refusal().getReasonCode()).isEqualTo(ReasonCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void shouldStopDecodingAUsersRecordsOnceNobodyWaitsForThem() {
        final CompletableFuture<Verdict> place = verdicts.expectPlace("bob", "o-1");
        assertThat(verdicts.within(place, Duration.ofMillis(1)).join()).isEmpty();

        deliver(Topics.MATCHING_RESULTS, result("bob", "o-1", "c-place", MatchingResultType.RESTING, 1, 1, true));
        deliver(Topics.MATCHING_RESULTS, result("alice", "o-2", "c-other", MatchingResultType.RESTING, 1, 1, true));

        assertThat(decodes).hasValue(0);
        assertThat(place).isNotDone();
    }

    private void deliver(final Topic<?> topic, final SpecificRecord value) {
        final String key = value instanceof MatchingResult r ? r.getUserId() : ((OrderEvent) value).getUserId();
        hub.dispatch(new ConsumerRecord<>(topic.name(), 0, 0L, key, new byte[] {1}), (t, bytes) -> {
            decodes.incrementAndGet();
            return value;
        });
    }

    private static MatchingResult result(final String user, final String order, final String command, final MatchingResultType type,
            final long quantity, final long remaining, final boolean last) {
        return MatchingResult.newBuilder().setResultId(command + type).setSymbol("TCS").setSequence(1).setCommandId(command)
                .setType(type).setOrderId(order).setUserId(user).setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                .setTimeInForce(TimeInForce.GTC).setLimitPricePaise(100L).setQuantityShares(quantity)
                .setFilledQuantityShares(quantity - remaining).setRemainingQuantityShares(remaining).setTimestampMs(T)
                .setLastOfCommand(last).build();
    }

    private static OrderEvent refusal(final String user, final String order, final String command, final OrderEventType type,
            final ReasonCode reason) {
        return OrderEvent.newBuilder().setEventId(user + type).setSequence(1).setType(type).setOrderId(order).setUserId(user)
                .setSymbol("TCS").setSide(Side.BUY).setOrderType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setQuantityShares(1).setFilledQuantityShares(0).setRemainingQuantityShares(0).setFilledNotionalPaise(0)
                .setReasonCode(reason).setTimestampMs(T).setCommandId(command).build();
    }
}
