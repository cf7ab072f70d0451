package io.bourse.schemas.catalogue;

import io.bourse.avro.matching.MatchingSymbolSnapshot;
import io.bourse.avro.matching.RestingOrderSnapshot;
import java.util.List;

/** The names inside the matching topology: application id, processors and stores. */
public final class MatchingNames {

    public static final String APPLICATION_ID = "bourse-matching";

    public static final String READ_COMMANDS = "read-matching-commands";
    public static final String MATCH_ORDERS = "match-orders";
    public static final String WRITE_RESULTS = "write-matching-results";
    public static final String WRITE_TRADES = "write-trades";
    public static final String WRITE_BOOK_UPDATES = "write-book-updates";
    public static final String WRITE_INSTRUMENTS = "write-instruments";

    /** Every open order, key {@code <symbol>\0<orderId>}. */
    public static final Store<RestingOrderSnapshot> RESTING_ORDERS = new Store<>("resting-orders", RestingOrderSnapshot.class);
    /** Per-symbol instrument, status and sequences, key symbol. */
    public static final Store<MatchingSymbolSnapshot> SYMBOLS = new Store<>("matching-symbols", MatchingSymbolSnapshot.class);

    public static final List<Store<?>> STORES = List.of(RESTING_ORDERS, SYMBOLS);

    private MatchingNames() {
    }
}
