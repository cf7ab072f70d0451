package io.bourse.marketdata.core;

/**
 * How a book update's sequence relates to the last one applied.
 *
 * @param outcome in order, after a gap, or stale
 * @param expectedSequence the sequence that was due (last applied + 1)
 * @param receivedSequence the update's sequence
 */
public record SequenceCheck(Outcome outcome, long expectedSequence, long receivedSequence) {

    /** The three cases of a received sequence. */
    public enum Outcome {
        /** Exactly the expected sequence. */
        IN_ORDER,
        /** Above the expected one: updates {@code expected .. received - 1} are missing. */
        GAP,
        /** At or below the last applied one: a duplicate or out-of-order update. */
        STALE
    }

    /** Classifies {@code received} against {@code lastApplied}. */
    public static SequenceCheck of(final long lastApplied, final long received) {
        final long expected = lastApplied + 1;
        final Outcome outcome = received == expected ? Outcome.IN_ORDER
                : received > expected ? Outcome.GAP : Outcome.STALE;
        return new SequenceCheck(outcome, expected, received);
    }

    /** How many updates are missing before this one; 0 unless {@link Outcome#GAP}. */
    public long missing() {
        return outcome == Outcome.GAP ? receivedSequence - expectedSequence : 0;
    }
}
