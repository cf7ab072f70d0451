package io.bourse.portfolio.topology;

import io.bourse.avro.payments.DepositClaim;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.payments.ProviderPaymentReport;
import io.bourse.avro.portfolio.ProcessedMarker;
import io.bourse.portfolio.core.ParkingSchedule;
import io.bourse.portfolio.core.PaymentClaims;
import io.bourse.portfolio.core.PaymentReason;
import io.bourse.schemas.catalogue.PortfolioNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code claim-provider-payments}, keyed by provider payment id (one partition, so one task sees
 * every payment id): finds the deposit intent of the report's provider order in the global lookup,
 * claims the payment id for that order ({@link PaymentClaims}) and passes the report to the intent's
 * user, whose step reconciles amount and currency and credits. The user is always the intent's; the
 * webhook names none.
 *
 * <p>The lookup is a global store, so an intent recorded a moment ago may not be in it yet: such a
 * report is parked. The global store is fed outside this task's stream time, so only wall-clock time
 * can notice the intent arrive: a punctuator looks every {@link #RETRY_INTERVAL}, but looks a parked
 * report up again only on the bounded schedule of {@link ParkingSchedule} (at ages 1 s, 2 s, 4 s, ...,
 * and once when the task starts);
 * one whose order still matches no intent after {@link #PARK_GRACE} is recorded as
 * {@code DEPOSIT_REJECTED UNKNOWN_PROVIDER_ORDER} under the pseudo-user
 * {@link PortfolioNames#UNMATCHED_PAYMENTS_KEY}. What a retry writes carries the report's own timestamp
 * (the give-up, that timestamp plus the grace), never the wall clock's, so a replay writes the same
 * records. Each step is counted in the Streams metrics {@code provider-reports-parked-total},
 * {@code provider-reports-retried-total}, {@code provider-reports-unparked-total} and
 * {@code provider-reports-unmatched-total} (group {@code stream-portfolio-metrics}).
 */
final class ProviderPaymentClaimProcessor implements Processor<String, ProviderPaymentReport, String, SpecificRecord> {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    static final Duration PARK_GRACE = Duration.ofMillis(ParkingSchedule.GIVE_UP_AFTER_MS);
    /** The metrics' scope: their group is {@code stream-portfolio-metrics}. */
    static final String METRICS_SCOPE = "portfolio";
    private static final String KIND = "provider-payment";

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ProcessedMarker> claims;
    private KeyValueStore<String, ProviderPaymentReport> parked;
    private ReadOnlyKeyValueStore<String, ?> intents;
    private Sensor parkedCount;
    private Sensor retriedCount;
    private Sensor unparkedCount;
    private Sensor unmatchedCount;
    private long lastLook = -1;

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> processorContext) {
        this.context = processorContext;
        this.claims = processorContext.getStateStore(PortfolioNames.PROVIDER_PAYMENTS.name());
        this.parked = processorContext.getStateStore(PortfolioNames.PARKED_PROVIDER_REPORTS.name());
        this.intents = processorContext.getStateStore(PortfolioNames.DEPOSIT_INTENTS_GLOBAL);
        parkedCount = sensor("provider-reports-parked");
        retriedCount = sensor("provider-reports-retried");
        unparkedCount = sensor("provider-reports-unparked");
        unmatchedCount = sensor("provider-reports-unmatched");
        processorContext.schedule(RETRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::retryParked);
    }

    private Sensor sensor(final String event) {
        return context.metrics().addRateTotalSensor(METRICS_SCOPE, context.taskId() + "." + PortfolioNames.CLAIM_PROVIDER_PAYMENTS,
                event, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void close() {
        for (final Sensor sensor : List.of(parkedCount, retriedCount, unparkedCount, unmatchedCount)) {
            context.metrics().removeSensor(sensor);
        }
    }

    @Override
    public void process(final Record<String, ProviderPaymentReport> record) {
        if (record.value() == null) {
            return;
        }
        final ProviderPaymentReport report = record.value();
        final DepositIntent intent = intent(report);
        if (intent == null) {
            parked.put(report.getProviderPaymentId() + PortfolioRepository.SEPARATOR + report.getEvent(), report);
            parkedCount.record();
            return;
        }
        claim(report, intent, record.timestamp());
    }

    private void claim(final ProviderPaymentReport report, final DepositIntent intent, final long timestamp) {
        final String paymentId = report.getProviderPaymentId();
        final ProcessedMarker claimed = claims.get(paymentId);
        final PaymentClaims.Kind kind = PaymentClaims.decide(claimed == null ? null : claimed.getOrderId(),
                report.getProviderOrderId(), report.getCaptured());
        if (kind == PaymentClaims.Kind.CLAIM) {
            claims.put(paymentId, new ProcessedMarker(KIND, paymentId, report.getProviderOrderId(), true,
                    Instant.ofEpochMilli(timestamp)));
        }
        final DepositClaim claim = new DepositClaim(intent.getUserId(), intent.getIntentId(), report,
                kind == PaymentClaims.Kind.REJECT ? PaymentReason.PAYMENT_ID_REUSED.name() : null);
        context.forward(new Record<String, SpecificRecord>(intent.getUserId(), claim, timestamp), PortfolioNames.WRITE_DEPOSIT_CLAIMS);
    }

    private void retryParked(final long now) {
        // The task's first look (after a start, a restart or a rebalance) takes every parked report: the schedule's
        // points that passed while no one looked are not lost.
        final boolean firstLook = lastLook < 0;
        final long before = lastLook;
        lastLook = now;
        final List<KeyValue<String, ProviderPaymentReport>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, ProviderPaymentReport> it = parked.all()) {
            it.forEachRemaining(waiting::add);
        }
        for (final KeyValue<String, ProviderPaymentReport> entry : waiting) {
            final ProviderPaymentReport report = entry.value;
            final long received = report.getReceivedAtMs().toEpochMilli();
            final boolean givenUp = ParkingSchedule.givenUp(now - received);
            if (!givenUp && !firstLook && !ParkingSchedule.due(before - received, now - received)) {
                continue;
            }
            retriedCount.record();
            final DepositIntent intent = intent(report);
            if (intent != null) {
                parked.delete(entry.key);
                unparkedCount.record();
                claim(report, intent, received);
            } else if (givenUp) {
                parked.delete(entry.key);
                unmatchedCount.record();
                unmatched(report, received + PARK_GRACE.toMillis());
            }
        }
    }

    private void unmatched(final ProviderPaymentReport report, final long now) {
        final PaymentEvent event = PaymentEvent.newBuilder()
                .setEventId(report.getReportId() + ":" + PaymentEventType.DEPOSIT_REJECTED.name())
                .setType(PaymentEventType.DEPOSIT_REJECTED).setUserId(PortfolioNames.UNMATCHED_PAYMENTS_KEY)
                .setProvider(report.getProvider()).setProviderPaymentId(report.getProviderPaymentId()).setWithdrawalId(null)
                .setAmountPaise(report.getAmountPaise()).setCurrency(report.getCurrency())
                .setReason(PaymentReason.UNKNOWN_PROVIDER_ORDER.name()).setIntentId(null)
                .setProviderOrderId(report.getProviderOrderId()).setTimestampMs(Instant.ofEpochMilli(now)).build();
        context.forward(new Record<String, SpecificRecord>(PortfolioNames.UNMATCHED_PAYMENTS_KEY, event, now),
                PortfolioNames.WRITE_UNMATCHED_PAYMENTS);
    }

    private DepositIntent intent(final ProviderPaymentReport report) {
        return PortfolioRepository.unwrap(intents.get(report.getProviderOrderId()), DepositIntent.class);
    }
}
