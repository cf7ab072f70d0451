package io.bourse.portfolio.topology;

import io.bourse.avro.accounts.AccountEvent;
import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerPosting;
import io.bourse.avro.ledger.LedgerUnit;
import io.bourse.avro.matching.MatchingCommand;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.payments.DepositIntent;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.portfolio.UserCounters;
import io.bourse.portfolio.core.Balances;
import io.bourse.portfolio.core.LedgerReason;
import io.bourse.portfolio.core.OrderAccounting;
import io.bourse.portfolio.core.Position;
import io.bourse.schemas.catalogue.PortfolioNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything one input record changes: balances (through {@link Balances}, each change a ledger
 * entry), numbered events and commands to forward. Nothing is forwarded until {@link #flush}, which
 * writes the ledger first, one posting per account, then the events, all in the record's transaction.
 */
final class CommandScope implements Balances.Store, Balances.Postings {

    private final PortfolioRepository repository;
    private final Instant timestamp;
    private final Map<String, UserCounters> counters = new HashMap<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private final List<OrderEvent> orderEvents = new ArrayList<>();
    private final List<AccountEvent> accountEvents = new ArrayList<>();
    private final List<MatchingCommand> matchingCommands = new ArrayList<>();
    private final List<PaymentEvent> paymentEvents = new ArrayList<>();
    private final List<DepositIntent> depositIntents = new ArrayList<>();
    final Balances balances;
    final OrderAccounting accounting;

    CommandScope(final PortfolioRepository repository, final Instant timestamp, final int partition) {
        this.repository = repository;
        this.timestamp = timestamp;
        this.balances = new Balances(this, this);
        this.accounting = new OrderAccounting(balances, OrderAccounting.FEE_ACCOUNT_PREFIX + partition);
    }

    Instant timestamp() {
        return timestamp;
    }

    PortfolioRepository repository() {
        return repository;
    }

    @Override
    public Position get(final String userId, final String asset) {
        return repository.position(userId, asset);
    }

    @Override
    public void put(final String userId, final Position position) {
        repository.savePosition(userId, position);
    }

    @Override
    public void post(final String userId, final Position before, final Position after, final LedgerReason reason,
            final Balances.Reference reference) {
        final UserCounters c = counters(userId);
        final long sequence = c.getLedgerSequence() + 1;
        c.setLedgerSequence(sequence);
        ledger.add(LedgerEntry.newBuilder()
                .setEntryId(userId + "-L" + sequence)
                .setSequence(sequence)
                .setUserId(userId)
                .setAsset(after.asset())
                .setUnit(after.isCash() ? LedgerUnit.PAISE : LedgerUnit.SHARES)
                .setAvailableDelta(after.available() - before.available())
                .setReservedDelta(after.reserved() - before.reserved())
                .setAvailableAfter(after.available())
                .setReservedAfter(after.reserved())
                .setReason(io.bourse.avro.ledger.LedgerReason.valueOf(reason.name()))
                .setOrderId(reference.orderId())
                .setTradeId(reference.tradeId())
                .setPaymentId(reference.paymentId())
                .setTimestampMs(timestamp)
                .build());
    }

    /** Numbers and queues a user-facing order event. */
    void orderEvent(final OrderEvent.Builder event) {
        final UserCounters c = counters(event.getUserId());
        final long sequence = c.getOrderEventSequence() + 1;
        c.setOrderEventSequence(sequence);
        orderEvents.add(event.setEventId(event.getUserId() + "-O" + sequence).setSequence(sequence).setTimestampMs(timestamp).build());
    }

    /** Numbers and queues an account event. */
    void accountEvent(final AccountEvent.Builder event) {
        final UserCounters c = counters(event.getUserId());
        final long sequence = c.getAccountEventSequence() + 1;
        c.setAccountEventSequence(sequence);
        accountEvents.add(event.setEventId(event.getUserId() + "-A" + sequence).setSequence(sequence).setTimestampMs(timestamp).build());
    }

    /** Queues a payment event; its id is the caller's, derived from the input so a replay repeats it. */
    void paymentEvent(final PaymentEvent.Builder event) {
        paymentEvents.add(event.setTimestampMs(timestamp).build());
    }

    /** Queues the intent for {@code payments.deposit-intents}, the lookup by provider order id. */
    void publishDepositIntent(final DepositIntent intent) {
        depositIntents.add(intent);
    }

    void matchingCommand(final MatchingCommand command) {
        matchingCommands.add(command);
    }

    /**
     * Forwards each account's ledger posting (its entries as one record, pointing at the account's
     * previous posting by its timestamp), saves the counters (each account's latest posting among
     * them), then forwards events, deposit intents and matching commands, each timed at the scope's
     * {@link #timestamp()}.
     */
    void flush(final ProcessorContext<String, SpecificRecord> context) {
        final long time = timestamp.toEpochMilli();
        final Map<String, List<LedgerEntry>> postings = new LinkedHashMap<>();
        for (final LedgerEntry entry : ledger) {
            postings.computeIfAbsent(entry.getUserId(), u -> new ArrayList<>()).add(entry);
        }
        postings.forEach((userId, entries) -> {
            final UserCounters c = counters(userId);
            final LedgerPosting posting = new LedgerPosting(userId, entries, c.getLastPostingTimestampMs());
            c.setLastPostingTimestampMs(time);
            context.forward(new Record<String, SpecificRecord>(userId, posting, time), PortfolioNames.WRITE_LEDGER);
        });
        counters.forEach(repository::saveCounters);
        for (final OrderEvent event : orderEvents) {
            context.forward(new Record<String, SpecificRecord>(event.getUserId(), event, time),
                    PortfolioNames.WRITE_ORDER_EVENTS);
        }
        for (final AccountEvent event : accountEvents) {
            context.forward(new Record<String, SpecificRecord>(event.getUserId(), event, time),
                    PortfolioNames.WRITE_ACCOUNT_EVENTS);
        }
        for (final PaymentEvent event : paymentEvents) {
            context.forward(new Record<String, SpecificRecord>(event.getUserId(), event, time),
                    PortfolioNames.WRITE_PAYMENT_EVENTS);
        }
        for (final DepositIntent intent : depositIntents) {
            context.forward(new Record<String, SpecificRecord>(intent.getProviderOrderId(), intent, time),
                    PortfolioNames.WRITE_DEPOSIT_INTENTS);
        }
        for (final MatchingCommand command : matchingCommands) {
            context.forward(new Record<String, SpecificRecord>(command.getSymbol(), command, time),
                    PortfolioNames.WRITE_MATCHING_COMMANDS);
        }
    }

    private UserCounters counters(final String userId) {
        return counters.computeIfAbsent(userId, u -> UserCounters.newBuilder(repository.counters(u)).build());
    }
}
