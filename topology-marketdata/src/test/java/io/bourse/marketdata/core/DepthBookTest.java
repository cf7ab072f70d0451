package io.bourse.marketdata.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DepthBookTest {

    private final DepthBook book = new DepthBook();

    private static DepthUpdate update(final long sequence, final LevelUpdate... levels) {
        return new DepthUpdate(sequence, 1_000 * sequence, List.of(levels));
    }

    private static LevelUpdate bid(final long price, final long quantity) {
        return new LevelUpdate(Side.BUY, price, quantity, quantity == 0 ? 0 : 1);
    }

    private static LevelUpdate ask(final long price, final long quantity) {
        return new LevelUpdate(Side.SELL, price, quantity, quantity == 0 ? 0 : 1);
    }

    @Test
    void shouldApplyAbsoluteLevelStatesInOrder() {
        book.apply(update(1, bid(100, 10), bid(99, 5), ask(101, 7)));
        book.apply(update(2, bid(100, 4), ask(102, 3)));
        final DepthResult result = book.apply(update(3, ask(101, 0)));

        assertThat(result.sequenceCheck().outcome()).isEqualTo(SequenceCheck.Outcome.IN_ORDER);
        assertThat(result.topOfBookChanged()).isTrue();
        final DepthSnapshot snapshot = book.snapshot(10);
        assertThat(snapshot.sequence()).isEqualTo(3);
        assertThat(snapshot.gapDetected()).isFalse();
        assertThat(snapshot.bids()).containsExactly(new DepthLevel(100, 4, 1), new DepthLevel(99, 5, 1));
        assertThat(snapshot.asks()).containsExactly(new DepthLevel(102, 3, 1));
    }

    @Test
    void shouldLimitSnapshotToTopLevelsBestFirst() {
        book.apply(update(1, bid(97, 1), bid(99, 1), bid(98, 1), ask(103, 1), ask(101, 1), ask(102, 1)));

        final DepthSnapshot snapshot = book.snapshot(2);

        assertThat(snapshot.bids()).extracting(DepthLevel::pricePaise).containsExactly(99L, 98L);
        assertThat(snapshot.asks()).extracting(DepthLevel::pricePaise).containsExactly(101L, 102L);
    }

    @Test
    void shouldApplyAfterAGapAndRecordIt() {
        book.apply(update(1, bid(100, 10)));

        final DepthResult result = book.apply(update(4, bid(100, 6), ask(105, 2)));

        assertThat(result.sequenceCheck()).isEqualTo(new SequenceCheck(SequenceCheck.Outcome.GAP, 2, 4));
        assertThat(result.sequenceCheck().missing()).isEqualTo(2);
        assertThat(result.applied()).isTrue();
        assertThat(book.snapshot(5).gapDetected()).isTrue();
        assertThat(book.snapshot(5).sequence()).isEqualTo(4);
        assertThat(book.gapCount()).isEqualTo(1);
        assertThat(book.lastGapSequence()).isEqualTo(4);
        assertThat(book.bids()).containsExactly(new DepthLevel(100, 6, 1));
    }

    @Test
    void shouldIgnoreDuplicateAndOutOfOrderUpdates() {
        book.apply(update(1, bid(100, 10)));
        book.apply(update(2, bid(100, 8)));

        final DepthResult duplicate = book.apply(update(2, bid(100, 8)));
        final DepthResult older = book.apply(update(1, bid(100, 10)));

        assertThat(duplicate.sequenceCheck().outcome()).isEqualTo(SequenceCheck.Outcome.STALE);
        assertThat(older.applied()).isFalse();
        assertThat(book.bids()).containsExactly(new DepthLevel(100, 8, 1));
        assertThat(book.lastSequence()).isEqualTo(2);
        assertThat(book.gapCount()).isZero();
    }

    @Test
    void shouldReportTopOfBookChangesOnly() {
        book.apply(update(1, bid(100, 10), ask(101, 10)));

        assertThat(book.apply(update(2, bid(99, 3))).topOfBookChanged()).isFalse();
        assertThat(book.apply(update(3, bid(100, 1))).topOfBookChanged()).isFalse();
        assertThat(book.apply(update(4, ask(100_50, 1))).topOfBookChanged()).isFalse();
        assertThat(book.apply(update(5, bid(100, 0))).topOfBookChanged()).isTrue();
        assertThat(book.bestBidPaise()).isEqualTo(99);
        assertThat(book.bestAskPaise()).isEqualTo(101);
    }

    @Test
    void shouldRestoreFromParts() {
        book.apply(update(1, bid(100, 10), ask(101, 2)));
        book.apply(update(3, ask(102, 1)));

        final DepthBook restored = DepthBook.restore(book.lastSequence(), book.gapCount(), book.lastGapSequence(),
                book.bids(), book.asks());

        assertThat(restored.snapshot(10)).isEqualTo(book.snapshot(10));
        assertThat(restored.lastGapSequence()).isEqualTo(3);
    }
}
