package io.bourse.tools.audit;

import io.bourse.avro.common.Side;
import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.ledger.LedgerReason;
import io.bourse.avro.matching.MatchingResult;
import io.bourse.avro.matching.MatchingResultType;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEvent;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.avro.payments.PaymentEvent;
import io.bourse.avro.payments.PaymentEventType;
import io.bourse.avro.portfolio.PositionSnapshot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks the exchange's invariants (ARCHITECTURE.md) on the records of its topics, read from the
 * beginning up to one cut: feed every record, then ask for {@link #violations()}. Each violation
 * names the ids involved. Nothing here trusts the topologies' own state except where it is what is
 * being checked (the positions store against the ledger).
 *
 * <p><b>Memory is bounded by what is open, not by history.</b> Per-user state (balances, open
 * orders, deposits, pending withdrawals) lives only while one user partition is fed: feed the
 * user-keyed topics of one partition, call {@link #endPartition()}, then the next; all user-keyed
 * topics are co-partitioned, so a user's records never straddle partitions. What outlives a
 * partition is a closed order's 8-byte fingerprint (until {@link #endPartition()}), three bits per
 * trade (trade seen, buy side settled, sell side settled), and sums per asset. Records of one
 * partition may come in any order of topics, but each topic's records in offset order.
 *
 * <p><b>Work in flight.</b> Cash and shares are checked against what the settled fills moved
 * between users: Σ cash = deposits − payouts − Σ bought notional + Σ sold notional, and per symbol
 * Σ shares = issued + Σ bought − Σ sold. The two fills of a trade cancel out, so at a quiet moment
 * this is plain conservation; while the buyer's fill is settled and the seller's is not yet, it
 * still holds. That every trade does get exactly its two fills, at the trade's price and quantity
 * and for its orders, is checked per trade; a side not yet settled at the cut is excused only when
 * its matching result is known to be waiting for the portfolio ({@link #inFlight}).
 *
 * <p>Order events used: FILL (trade id, side, fill price and quantity, cumulative filled) and the
 * terminal FILLED, CANCELLED, EXPIRED, REJECTED (cumulative filled). ACCEPTED, RESTING and AMENDED
 * only mark an order open, as its ORDER_RESERVE ledger entry does too.
 */
public final class AuditChecks {

    /** One broken invariant. */
    public record Violation(String check, String detail) {
        @Override
        public String toString() {
            return check + ": " + detail;
        }
    }

    /** Details kept per check; beyond this a violation is only counted. */
    static final int DETAILS_PER_CHECK = 100;
    private static final String CASH = "INR";
    private static final int CLOSED = 0;
    private static final int REJECTED_UNACCEPTED = 1;
    private static final long[] ZERO = new long[2];

    private final Map<String, List<Violation>> violations = new LinkedHashMap<>();
    private final Map<String, Long> violationCounts = new LinkedHashMap<>();
    private long records;

    // Totals over the whole exchange.
    private long cashHeld;
    /** Who each provider payment id credited: one payment credits one account, across partitions (one entry per deposit). */
    private final Map<String, String> depositedTo = new HashMap<>();
    private final Map<String, Long> sharesHeld = new TreeMap<>();
    private long deposited;
    private long paidOut;
    private final Map<String, Long> sharesIssued = new TreeMap<>();
    private long cashFromFills;
    private final Map<String, Long> sharesFromFills = new TreeMap<>();
    private final Map<String, SymbolTrades> symbols = new TreeMap<>();
    private final List<MatchingResult> inFlight = new ArrayList<>();
    private final List<String> excused = new ArrayList<>();
    private long excusedCount;
    private boolean storeCompared;
    private final Map<String, long[]> unmatchedLedger = new HashMap<>();
    private final Map<String, long[]> unmatchedStore = new HashMap<>();

    // State of the user partition being fed.
    private final Map<String, long[]> ledgerSequence = new HashMap<>();
    private final Map<String, long[]> balances = new HashMap<>();
    private final Map<String, Long> depositsByPayment = new HashMap<>();
    private final Map<String, Long> confirmedDeposits = new HashMap<>();
    private final Map<String, String> pendingWithdrawals = new HashMap<>();
    private final Map<Long, OpenOrder> openOrders = new HashMap<>();
    private final OrderKeys closedOrders = new OrderKeys();
    private final Map<String, long[]> storedPositions = new HashMap<>();
    /** Users whose ledger is behind the store at the cut, with the keys of their stored positions. */
    private final Map<String, Set<String>> behind = new HashMap<>();
    /** Positions whose store, read up to the cut, may be behind their ledger read up to the cut ({@link #storeTail}). */
    private final Set<String> storeBehind = new HashSet<>();
    private long ordersClosed;
    private long closedOrderBytes;
    private long tailEntries;
    private long storeTailRecords;

    /** An order seen but not yet in a terminal state. */
    private static final class OpenOrder {
        private final String userId;
        private final String orderId;
        private boolean accepted;
        private long filledFromFills;
        private long lastFilled;

        OpenOrder(final String userId, final String orderId) {
            this.userId = userId;
            this.orderId = orderId;
        }

        String id() {
            return userId + "/" + orderId;
        }
    }

    /** Per symbol: which trades exist and which of their sides were settled, and a checksum of each. */
    private static final class SymbolTrades {
        private long lastSequence;
        private final BitSet trades = new BitSet();
        private final BitSet buyFills = new BitSet();
        private final BitSet sellFills = new BitSet();
        private long tradeChecksum;
        private long fillChecksum;
    }

    public void ledger(final LedgerEntry e) {
        records++;
        final long[] last = ledgerSequence.computeIfAbsent(e.getUserId(), k -> new long[1]);
        final long expected = last[0] + 1;
        if (e.getSequence() < expected) {
            fail("DUPLICATE_LEDGER_ENTRY", e.getEntryId() + " (sequence " + e.getSequence() + " after " + last[0] + ")");
        } else if (e.getSequence() != expected) {
            fail("LEDGER_SEQUENCE_GAP", e.getUserId() + " expected " + expected + " got " + e.getSequence() + " (" + e.getEntryId() + ")");
        }
        last[0] = Math.max(last[0], e.getSequence());
        final long[] balance = balances.computeIfAbsent(key(e.getUserId(), e.getAsset()), k -> new long[2]);
        if (balance[0] + e.getAvailableDelta() != e.getAvailableAfter() || balance[1] + e.getReservedDelta() != e.getReservedAfter()) {
            fail("LEDGER_CHAIN_BROKEN", e.getEntryId() + " of " + e.getUserId() + "/" + e.getAsset() + ": before " + balance[0] + "/"
                    + balance[1] + " + delta " + e.getAvailableDelta() + "/" + e.getReservedDelta() + " != after "
                    + e.getAvailableAfter() + "/" + e.getReservedAfter());
        }
        if (e.getAvailableAfter() < 0 || e.getReservedAfter() < 0) {
            fail("NEGATIVE_BALANCE", e.getEntryId());
        }
        balance[0] = e.getAvailableAfter();
        balance[1] = e.getReservedAfter();
        final LedgerReason reason = e.getReason();
        if (reason == LedgerReason.DEPOSIT) {
            deposited += e.getAvailableDelta();
            if (depositsByPayment.put(e.getUserId() + "/" + e.getPaymentId(), e.getAvailableDelta()) != null) {
                fail("DEPOSIT_CREDITED_TWICE", e.getPaymentId() + " for " + e.getUserId());
            }
            final String first = depositedTo.putIfAbsent(e.getPaymentId(), e.getUserId());
            if (first != null && !first.equals(e.getUserId())) {
                fail("DEPOSIT_CREDITED_TWICE", e.getPaymentId() + " for " + first + " and " + e.getUserId());
            }
        } else if (reason == LedgerReason.WITHDRAWAL_PAYOUT) {
            paidOut -= e.getReservedDelta();
            pendingWithdrawals.remove(e.getUserId() + "/" + e.getPaymentId());
        } else if (reason == LedgerReason.WITHDRAWAL_RESERVE) {
            pendingWithdrawals.put(e.getUserId() + "/" + e.getPaymentId(), e.getUserId());
        } else if (reason == LedgerReason.WITHDRAWAL_RELEASE) {
            pendingWithdrawals.remove(e.getUserId() + "/" + e.getPaymentId());
        } else if (reason == LedgerReason.SHARE_TRANSFER_IN) {
            sharesIssued.merge(e.getAsset(), e.getAvailableDelta(), Long::sum);
        } else if (reason == LedgerReason.ORDER_RESERVE && e.getOrderId() != null) {
            // An order that holds funds is open until its terminal event, whether or not an ACCEPTED event was published.
            final long id = OrderKeys.fingerprint(e.getUserId(), e.getOrderId());
            if (closedOrders.get(id) == OrderKeys.ABSENT) {
                openOrders.computeIfAbsent(id, k -> new OpenOrder(e.getUserId(), e.getOrderId())).accepted = true;
            }
        }
    }

    public void payment(final PaymentEvent p) {
        records++;
        if (p.getType() == PaymentEventType.DEPOSIT_CONFIRMED && p.getProviderPaymentId() != null) {
            confirmedDeposits.putIfAbsent(p.getUserId() + "/" + p.getProviderPaymentId(), p.getAmountPaise());
        }
    }

    public void trade(final Trade t) {
        records++;
        final SymbolTrades symbol = symbol(t.getSymbol());
        final long expected = symbol.lastSequence + 1;
        if (t.getSequence() < expected || symbol.trades.get(index(t.getSequence()))) {
            fail("DUPLICATE_TRADE", t.getTradeId() + " (sequence " + t.getSequence() + ")");
        } else if (t.getSequence() != expected) {
            fail("TRADE_SEQUENCE_GAP", t.getSymbol() + " expected " + expected + " got " + t.getSequence());
        }
        symbol.lastSequence = Math.max(symbol.lastSequence, t.getSequence());
        symbol.trades.set(index(t.getSequence()));
        symbol.tradeChecksum += side(t.getSequence(), Side.BUY, t.getBuyUserId(), t.getBuyOrderId(), t.getPricePaise(), t.getQuantityShares())
                + side(t.getSequence(), Side.SELL, t.getSellUserId(), t.getSellOrderId(), t.getPricePaise(), t.getQuantityShares());
    }

    public void orderEvent(final OrderEvent e) {
        records++;
        if (e.getFilledQuantityShares() > e.getQuantityShares() && e.getQuantityShares() > 0) {
            fail("OVERFILLED", e.getOrderId() + " filled " + e.getFilledQuantityShares() + " of " + e.getQuantityShares());
        }
        final OrderEventType type = e.getType();
        final long id = OrderKeys.fingerprint(e.getUserId(), e.getOrderId());
        if (type == OrderEventType.FILL) {
            fill(e);
        }
        final int closed = closedOrders.get(id);
        if (closed != OrderKeys.ABSENT) {
            if (type == OrderEventType.FILL) {
                fail("FILL_AFTER_TERMINAL", e.getUserId() + "/" + e.getOrderId() + " trade " + e.getTradeId());
            } else if (terminal(type) && !(type == OrderEventType.REJECTED && closed == REJECTED_UNACCEPTED)) {
                fail("MULTIPLE_TERMINAL_STATES", e.getUserId() + "/" + e.getOrderId() + " " + type + " after its terminal state");
            }
            return;
        }
        if (terminal(type)) {
            final OpenOrder order = openOrders.remove(id);
            final long fills = order == null ? 0 : order.filledFromFills;
            if (fills != e.getFilledQuantityShares()) {
                fail("FILLS_DO_NOT_ADD_UP", e.getUserId() + "/" + e.getOrderId() + " fills " + fills + " vs reported "
                        + e.getFilledQuantityShares() + " at " + type);
            }
            closedOrders.put(id, type == OrderEventType.REJECTED && (order == null || !order.accepted) ? REJECTED_UNACCEPTED : CLOSED);
            ordersClosed++;
            return;
        }
        if (type == OrderEventType.FILL || type == OrderEventType.ACCEPTED || type == OrderEventType.RESTING
                || type == OrderEventType.AMENDED) {
            final OpenOrder order = openOrders.computeIfAbsent(id, k -> new OpenOrder(e.getUserId(), e.getOrderId()));
            order.accepted = true;
            if (type == OrderEventType.FILL) {
                order.filledFromFills += e.getFillQuantityShares() == null ? 0 : e.getFillQuantityShares();
                order.lastFilled = e.getFilledQuantityShares();
            } else if (type == OrderEventType.AMENDED || type == OrderEventType.RESTING) {
                order.lastFilled = e.getFilledQuantityShares();
            }
        }
    }

    /** A settled fill: which trade side it is, and what it moved between users. */
    private void fill(final OrderEvent e) {
        final String tradeId = e.getTradeId();
        final int dash = tradeId == null ? -1 : tradeId.lastIndexOf('-');
        final long sequence;
        try {
            sequence = dash < 0 ? -1 : Long.parseLong(tradeId.substring(dash + 1));
        } catch (final NumberFormatException notATradeId) {
            fail("FILL_WITHOUT_TRADE", tradeId + " of " + e.getOrderId() + " is not a trade id");
            return;
        }
        if (sequence < 1 || !tradeId.substring(0, dash).equals(e.getSymbol()) || e.getFillQuantityShares() == null
                || e.getFillPricePaise() == null) {
            fail("FILL_WITHOUT_TRADE", tradeId + " of " + e.getOrderId() + " names no trade of " + e.getSymbol());
            return;
        }
        final SymbolTrades symbol = symbol(e.getSymbol());
        final BitSet settled = e.getSide() == Side.BUY ? symbol.buyFills : symbol.sellFills;
        if (settled.get(index(sequence))) {
            fail("TRADE_FILL_MISMATCH", tradeId + " has more than one fill for its " + e.getSide() + " order (again " + e.getOrderId() + ")");
        }
        settled.set(index(sequence));
        final long price = e.getFillPricePaise();
        final long quantity = e.getFillQuantityShares();
        symbol.fillChecksum += side(sequence, e.getSide(), e.getUserId(), e.getOrderId(), price, quantity);
        final long notional = Math.multiplyExact(price, quantity);
        final boolean buy = e.getSide() == Side.BUY;
        cashFromFills += buy ? -notional : notional;
        sharesFromFills.merge(e.getSymbol(), buy ? quantity : -quantity, Long::sum);
    }

    /** The latest stored value of one position (from the portfolio's positions changelog) in the partition being fed. */
    public void storedPosition(final PositionSnapshot p) {
        storeCompared = true;
        storedPositions.put(key(p.getUserId(), p.getAsset()), new long[] {p.getAvailable(), p.getReserved()});
    }

    /**
     * The stored position of an account whose ledger is in another partition than its store entry
     * (an exchange fee account's ledger goes wherever its id hashes; its store entry stays with the
     * task that charges the fees). Fed before the partitions, kept until its ledger is judged.
     */
    public void storedPositionOfAnotherPartition(final PositionSnapshot p) {
        storeCompared = true;
        unmatchedStore.put(key(p.getUserId(), p.getAsset()), new long[] {p.getAvailable(), p.getReserved()});
    }

    /**
     * The positions of the partition being fed whose stored value, read up to the cut, differs from
     * their ledger read up to the cut: the store may be <em>behind</em> the ledger. One request for
     * every end offset is not one instant for a transaction: its commit markers are appended to its
     * partitions one after another (and the broker reads the partitions' stable offsets one after
     * another), so the cut can fall after the commit of a transaction in {@code portfolio.postings}
     * but before it in the positions changelog. The store then lacks that transaction, and reading
     * the ledger past the cut ({@link #ledgerTail}) only takes the ledger further away from it. Read
     * the changelog past the cut into {@link #storeTail} first, then ask {@link #usersBehindStore}.
     *
     * @return how many positions differ
     */
    public int positionsBehindLedger() {
        storeBehind.clear();
        balances.forEach((k, ledger) -> {
            final long[] stored = stored(k);
            if (stored == null ? ledger[0] != 0 || ledger[1] != 0 : stored[0] != ledger[0] || stored[1] != ledger[1]) {
                storeBehind.add(k);
            }
        });
        return storeBehind.size();
    }

    /**
     * A positions-changelog record past the cut: if its position's store was behind the ledger at
     * the cut and this value is the ledger's at the cut, the store has caught up (the transaction
     * that wrote it was committed in the ledger by the cut), and the position is judged as equal;
     * anything later of that position is ignored.
     *
     * @return whether the record caught a position up
     */
    public boolean storeTail(final PositionSnapshot p) {
        final String k = key(p.getUserId(), p.getAsset());
        if (!storeBehind.contains(k)) {
            return false;
        }
        final long[] ledger = balances.getOrDefault(k, ZERO);
        if (p.getAvailable() != ledger[0] || p.getReserved() != ledger[1]) {
            return false;
        }
        final long[] caughtUp = {p.getAvailable(), p.getReserved()};
        if (!storedPositions.containsKey(k) && unmatchedStore.containsKey(k)) {
            unmatchedStore.put(k, caughtUp);
        } else {
            storedPositions.put(k, caughtUp);
        }
        storeBehind.remove(k);
        storeTailRecords++;
        return true;
    }

    /** Positions still behind their ledger after the changelog was read past the cut. */
    public int positionsStillBehindLedger() {
        return storeBehind.size();
    }

    /** Positions-changelog records read past the cut that caught a position up with its ledger at the cut. */
    public long storeTailRecords() {
        return storeTailRecords;
    }

    /**
     * The users of the partition being fed whose ledger, read up to the cut, is behind their stored
     * positions. The positions store is written by one task, the ledger partition by every task
     * whose accounts hash there (fee accounts); another task's transaction still open at the cut
     * hides ledger entries committed after it began, so the ledger can lag the store by entries that
     * were committed before the cut. Those are read past the cut with {@link #ledgerTail}. Ask after
     * the changelog was read past the cut ({@link #storeTail}): a user whose store is behind its
     * ledger never catches up by reading the ledger further, and every entry the tail then adds
     * takes the ledger further from the store.
     */
    public int usersBehindStore() {
        behind.clear();
        final Set<String> keys = new HashSet<>(balances.keySet());
        keys.addAll(storedPositions.keySet());
        for (final String k : keys) {
            final long[] stored = stored(k);
            final long[] ledger = balances.getOrDefault(k, ZERO);
            if (stored != null && (stored[0] != ledger[0] || stored[1] != ledger[1])) {
                behind.computeIfAbsent(k.substring(0, k.lastIndexOf('/')), u -> new HashSet<>());
            }
        }
        if (!behind.isEmpty()) {
            for (final Map<String, long[]> map : List.of(storedPositions, unmatchedStore)) {
                map.keySet().forEach(k -> {
                    final Set<String> userKeys = behind.get(k.substring(0, k.lastIndexOf('/')));
                    if (userKeys != null) {
                        userKeys.add(k);
                    }
                });
            }
        }
        return behind.size();
    }

    /**
     * A ledger entry past the cut: applied while its user's ledger is behind the store (it was
     * committed before the cut, hidden behind an open transaction), ignored once the user has
     * caught up, as is everything after it for that user.
     *
     * @return whether the entry was applied
     */
    public boolean ledgerTail(final LedgerEntry e) {
        final Set<String> userKeys = behind.get(e.getUserId());
        if (userKeys == null) {
            return false;
        }
        ledger(e);
        records--;
        tailEntries++;
        userKeys.add(key(e.getUserId(), e.getAsset()));
        boolean caughtUp = true;
        for (final String k : userKeys) {
            final long[] stored = stored(k);
            final long[] ledger = balances.getOrDefault(k, ZERO);
            if (stored == null ? ledger[0] != 0 || ledger[1] != 0 : stored[0] != ledger[0] || stored[1] != ledger[1]) {
                caughtUp = false;
                break;
            }
        }
        if (caughtUp) {
            behind.remove(e.getUserId());
        }
        return true;
    }

    /** Users still behind the store after the tail was read. */
    public int usersStillBehind() {
        return behind.size();
    }

    /** Ledger entries read past the cut because they were committed before it. */
    public long ledgerTailEntries() {
        return tailEntries;
    }

    private long[] stored(final String k) {
        final long[] here = storedPositions.get(k);
        return here != null ? here : unmatchedStore.get(k);
    }

    /** Compares the positions store with the ledger even where the store has no entry at all. */
    public void expectStoredPositions() {
        storeCompared = true;
    }

    /**
     * A matching result the portfolio had not processed at the cut (past its committed offset): if
     * it is a fill whose side is not settled in the records fed, that side is in flight, not missing.
     */
    public void inFlight(final MatchingResult result) {
        if (result.getType() == MatchingResultType.FILL && result.getTradeId() != null) {
            inFlight.add(result);
        }
    }

    public long records() {
        return records;
    }

    /** Orders that reached a terminal state, over all partitions fed so far. */
    public long ordersClosed() {
        return ordersClosed;
    }

    /** The most bytes the closed-order fingerprints of one partition took. */
    public long closedOrderBytes() {
        return Math.max(closedOrderBytes, closedOrders.bytes());
    }

    /** Trade sides not settled at the cut but in flight to the portfolio; a few of them. */
    public List<String> excusedInFlight() {
        return List.copyOf(excused);
    }

    public long excusedInFlightCount() {
        return excusedCount;
    }

    /**
     * Judges the user partition just fed and keeps only its totals: a reserved balance needs an
     * open order or a pending withdrawal, a credited deposit its confirmation, the positions store
     * must equal the ledger (an account whose store entry is in another partition, as an exchange
     * fee account's can be, is matched at the end).
     */
    public void endPartition() {
        final Set<String> busyUsers = new HashSet<>(pendingWithdrawals.values());
        openOrders.values().forEach(order -> {
            busyUsers.add(order.userId);
            if (order.filledFromFills != order.lastFilled) {
                fail("FILLS_DO_NOT_ADD_UP", order.id() + " fills " + order.filledFromFills + " vs reported " + order.lastFilled);
            }
        });
        depositsByPayment.forEach((payment, amount) -> {
            final Long confirmed = confirmedDeposits.get(payment);
            if (confirmed == null || confirmed.longValue() != amount) {
                fail("DEPOSIT_WITHOUT_CONFIRMATION", payment + " credited " + amount + ", confirmed " + confirmed);
            }
        });
        balances.forEach((k, v) -> {
            final String user = k.substring(0, k.lastIndexOf('/'));
            final String asset = k.substring(k.lastIndexOf('/') + 1);
            if (asset.equals(CASH)) {
                cashHeld += v[0] + v[1];
            } else {
                sharesHeld.merge(asset, v[0] + v[1], Long::sum);
            }
            if (v[1] != 0 && !busyUsers.contains(user)) {
                fail("RESERVED_WITHOUT_REASON", k + " reserves " + v[1] + " with no open order or pending withdrawal");
            }
        });
        if (storeCompared) {
            balances.forEach((k, ledger) -> {
                final long[] stored = storedPositions.remove(k);
                if (stored != null) {
                    compareStore(k, stored, ledger);
                } else {
                    carry(k, ledger, unmatchedStore, unmatchedLedger, true);
                }
            });
            storedPositions.forEach((k, stored) -> carry(k, stored, unmatchedLedger, unmatchedStore, false));
        }
        closedOrderBytes = closedOrderBytes();
        ledgerSequence.clear();
        balances.clear();
        depositsByPayment.clear();
        confirmedDeposits.clear();
        pendingWithdrawals.clear();
        openOrders.clear();
        closedOrders.clear();
        storedPositions.clear();
        behind.clear();
        storeBehind.clear();
    }

    /** Every violation found, after all records were fed. */
    public List<Violation> violations() {
        endPartition();
        final Map<String, List<Violation>> found = new LinkedHashMap<>();
        violations.forEach((check, list) -> found.put(check, new ArrayList<>(list)));
        final Map<String, Long> counts = new LinkedHashMap<>(violationCounts);
        final List<Violation> late = new ArrayList<>();
        if (storeCompared) {
            unmatchedLedger.forEach((k, ledger) -> compareStore(k, new long[2], ledger, late));
            unmatchedStore.forEach((k, stored) -> compareStore(k, stored, new long[2], late));
        }
        final long expectedCash = deposited - paidOut + cashFromFills;
        if (cashHeld != expectedCash) {
            late.add(new Violation("CASH_NOT_CONSERVED", "held " + cashHeld + " paise != deposited " + deposited + " - paid out "
                    + paidOut + " + moved by settled fills " + cashFromFills));
        }
        final Set<String> assets = new HashSet<>(sharesHeld.keySet());
        assets.addAll(sharesIssued.keySet());
        assets.addAll(sharesFromFills.keySet());
        for (final String asset : new TreeSet<>(assets)) {
            final long held = sharesHeld.getOrDefault(asset, 0L);
            final long expected = sharesIssued.getOrDefault(asset, 0L) + sharesFromFills.getOrDefault(asset, 0L);
            if (held != expected) {
                late.add(new Violation("SHARES_NOT_CONSERVED", asset + " held " + held + " != issued " + sharesIssued.get(asset)
                        + " + moved by settled fills " + sharesFromFills.getOrDefault(asset, 0L)));
            }
        }
        late.addAll(tradeFillViolations());
        for (final Violation v : late) {
            counts.merge(v.check(), 1L, Long::sum);
            final List<Violation> list = found.computeIfAbsent(v.check(), k -> new ArrayList<>());
            if (list.size() < DETAILS_PER_CHECK) {
                list.add(v);
            }
        }
        final List<Violation> all = new ArrayList<>();
        found.forEach((check, list) -> {
            all.addAll(list);
            final long more = counts.getOrDefault(check, 0L) - list.size();
            if (more > 0) {
                all.add(new Violation(check, "and " + more + " more"));
            }
        });
        return all;
    }

    /** Each trade has one settled fill per side, at its price and quantity and for its orders, or that side is in flight. */
    private List<Violation> tradeFillViolations() {
        final List<Violation> found = new ArrayList<>();
        excused.clear();
        excusedCount = 0;
        final Map<String, Long> inFlightChecksums = new HashMap<>();
        final Map<String, BitSet[]> inFlightSides = new HashMap<>();
        for (final MatchingResult r : inFlight) {
            final String tradeId = r.getTradeId();
            final int dash = tradeId.lastIndexOf('-');
            final long sequence;
            try {
                sequence = Long.parseLong(tradeId.substring(dash + 1));
            } catch (final NumberFormatException e) {
                continue;
            }
            final SymbolTrades symbol = symbols.get(r.getSymbol());
            final BitSet settled = symbol == null ? null : r.getSide() == Side.BUY ? symbol.buyFills : symbol.sellFills;
            final BitSet[] pending = inFlightSides.computeIfAbsent(r.getSymbol(), k -> new BitSet[] {new BitSet(), new BitSet()});
            final BitSet pendingSide = pending[r.getSide() == Side.BUY ? 0 : 1];
            if (symbol != null && symbol.trades.get(index(sequence)) && !settled.get(index(sequence)) && !pendingSide.get(index(sequence))) {
                pendingSide.set(index(sequence));
                inFlightChecksums.merge(r.getSymbol(), side(sequence, r.getSide(), r.getUserId(), r.getOrderId(),
                        r.getFillPricePaise(), r.getFillQuantityShares()), Long::sum);
                excusedCount++;
                if (excused.size() < 10) {
                    excused.add(tradeId + " " + r.getSide() + " " + r.getUserId() + "/" + r.getOrderId());
                }
            }
        }
        symbols.forEach((name, symbol) -> {
            final BitSet[] pending = inFlightSides.getOrDefault(name, new BitSet[] {new BitSet(), new BitSet()});
            final BitSet buy = (BitSet) symbol.buyFills.clone();
            buy.or(pending[0]);
            final BitSet sell = (BitSet) symbol.sellFills.clone();
            sell.or(pending[1]);
            int listed = 0;
            final BitSet unsettled = (BitSet) symbol.trades.clone();
            final BitSet both = (BitSet) buy.clone();
            both.and(sell);
            unsettled.andNot(both);
            for (int i = unsettled.nextSetBit(0); i >= 0; i = unsettled.nextSetBit(i + 1)) {
                found.add(new Violation("TRADE_FILL_MISMATCH", name + "-" + i + " has no settled fill for its "
                        + (buy.get(i) ? "sell" : sell.get(i) ? "buy" : "buy or sell") + " order, and none in flight"));
                if (++listed >= DETAILS_PER_CHECK) {
                    break;
                }
            }
            final BitSet orphans = (BitSet) symbol.buyFills.clone();
            orphans.or(symbol.sellFills);
            orphans.andNot(symbol.trades);
            for (int i = orphans.nextSetBit(0); i >= 0; i = orphans.nextSetBit(i + 1)) {
                found.add(new Violation("FILL_WITHOUT_TRADE", name + "-" + i));
            }
            if (unsettled.isEmpty() && orphans.isEmpty()
                    && symbol.tradeChecksum != symbol.fillChecksum + inFlightChecksums.getOrDefault(name, 0L)) {
                found.add(new Violation("TRADE_FILL_MISMATCH", "the fills of " + name
                        + " differ from its trades in an order, a user, a price or a quantity"));
            }
        });
        return found;
    }

    private void compareStore(final String k, final long[] stored, final long[] ledger) {
        if (stored[0] != ledger[0] || stored[1] != ledger[1]) {
            fail("STORE_DIFFERS_FROM_LEDGER", k + " store " + stored[0] + "/" + stored[1] + " ledger " + ledger[0] + "/" + ledger[1]);
        }
    }

    private static void compareStore(final String k, final long[] stored, final long[] ledger, final List<Violation> into) {
        if (stored[0] != ledger[0] || stored[1] != ledger[1]) {
            into.add(new Violation("STORE_DIFFERS_FROM_LEDGER", k + " store " + stored[0] + "/" + stored[1] + " ledger " + ledger[0]
                    + "/" + ledger[1]));
        }
    }

    /**
     * An entry of the ledger (or the store) whose counterpart is not in this partition: compared with
     * one kept from an earlier partition, or kept for a later one; a zero entry needs no counterpart.
     */
    private void carry(final String k, final long[] value, final Map<String, long[]> counterparts, final Map<String, long[]> keep,
            final boolean ledger) {
        final long[] other = counterparts.remove(k);
        if (other != null) {
            compareStore(k, ledger ? other : value, ledger ? value : other);
        } else if (value[0] != 0 || value[1] != 0) {
            keep.put(k, value);
        }
    }

    private SymbolTrades symbol(final String name) {
        return symbols.computeIfAbsent(name, k -> new SymbolTrades());
    }

    /** The checksum term of one side of one trade; the sum over a symbol's trades must equal the sum over its fills. */
    private static long side(final long sequence, final Side side, final String userId, final String orderId, final long price,
            final long quantity) {
        long h = OrderKeys.fingerprint(userId, orderId);
        h = OrderKeys.mix(h ^ sequence * 0x9e3779b97f4a7c15L);
        h = OrderKeys.mix(h ^ (side == Side.BUY ? 1 : 2));
        h = OrderKeys.mix(h ^ price);
        return OrderKeys.mix(h ^ quantity);
    }

    private static int index(final long sequence) {
        if (sequence < 0 || sequence > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trade sequence out of range: " + sequence);
        }
        return (int) sequence;
    }

    private static boolean terminal(final OrderEventType type) {
        return type == OrderEventType.FILLED || type == OrderEventType.CANCELLED || type == OrderEventType.EXPIRED
                || type == OrderEventType.REJECTED;
    }

    private void fail(final String check, final String detail) {
        violationCounts.merge(check, 1L, Long::sum);
        final List<Violation> list = violations.computeIfAbsent(check, k -> new ArrayList<>());
        if (list.size() < DETAILS_PER_CHECK) {
            list.add(new Violation(check, detail));
        }
    }

    private static String key(final String user, final String asset) {
        return user + "/" + asset;
    }
}
