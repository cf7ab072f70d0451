package io.bourse.tools.load;

import java.util.List;

/**
 * Every name of the baseline relay ({@link BaselineRelay}): its topics, the application id of each
 * stage and the processors inside, written once here. The relay is the load generator's, not the
 * exchange's, so its topics are not in the exchange's catalogue ({@code Topics}), whose entries carry
 * Avro types; they are partitioned like the catalogue's topics of the same key.
 */
final class RelayNames {

    /** What the generator offers, key user id: as {@code orders.commands}. */
    static final String IN = "bourse.relay.in";
    /** Stage 1's output, key symbol: as {@code matching.commands}. */
    static final String MID = "bourse.relay.mid";
    /** Stage 2's output, key user id: as {@code matching.results}, where the verdict and the trader's own fill come from. */
    static final String OUT = "bourse.relay.out";
    /** Stage 3's output, key user id: as {@code orders.events} after settlement. */
    static final String SETTLED = "bourse.relay.settled";

    /** Every relay topic, in data-flow order. */
    static final List<String> TOPICS = List.of(IN, MID, OUT, SETTLED);

    /** Stage 1, in the portfolio's place: user → symbol. */
    static final String RESERVE_APPLICATION_ID = "bourse-relay-reserve";
    /** Stage 2, in matching's place: symbol → user. */
    static final String MATCH_APPLICATION_ID = "bourse-relay-match";
    /** Stage 3, in the portfolio's settlement's place: user → user. */
    static final String SETTLE_APPLICATION_ID = "bourse-relay-settle";

    static final String READ_IN = "read-relay-in";
    static final String KEY_BY_SYMBOL = "key-by-symbol";
    static final String WRITE_MID = "write-relay-mid";
    static final String READ_MID = "read-relay-mid";
    static final String KEY_BY_USER = "key-by-user";
    static final String WRITE_OUT = "write-relay-out";
    static final String READ_OUT = "read-relay-out";
    static final String PASS_ON = "pass-on";
    static final String WRITE_SETTLED = "write-relay-settled";

    private RelayNames() {
    }
}
