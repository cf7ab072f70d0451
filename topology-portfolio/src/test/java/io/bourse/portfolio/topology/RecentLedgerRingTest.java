package io.bourse.portfolio.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.catalogue.PortfolioNames;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The recent-ledger ring keeps one posting per slot, chosen by its first sequence: whatever the sizes
 * of the postings, the latest {@link PortfolioNames#RECENT_LEDGER_ENTRIES} entries must all still be
 * held, as long as no posting is longer than the slack the ring is sized for.
 */
class RecentLedgerRingTest {

    private static final int LONGEST_POSTING = PortfolioNames.RECENT_LEDGER_SLOTS - PortfolioNames.RECENT_LEDGER_ENTRIES + 1;

    @Test
    void shouldAlwaysHoldTheLatestEntriesWhateverThePostingSizes() {
        final long seed = System.nanoTime();
        System.out.println("RecentLedgerRingTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        // slot -> {first sequence, length} of the posting it holds
        final Map<Integer, long[]> ring = new HashMap<>();
        long next = 1;
        for (int posting = 0; posting < 20_000; posting++) {
            // Mostly the handful a fill posts, now and then the longest the guarantee allows.
            final int length = random.nextInt(20) == 0 ? LONGEST_POSTING : 1 + random.nextInt(6);
            ring.put(PortfolioRepository.ledgerSlot(next), new long[] {next, length});
            next += length;
            final long latest = next - 1;
            final long[] held = new long[1];
            ring.values().forEach(p -> {
                for (long s = p[0]; s < p[0] + p[1]; s++) {
                    if (s > latest - PortfolioNames.RECENT_LEDGER_ENTRIES) {
                        held[0]++;
                    }
                }
            });
            assertThat(held[0]).as("entries of the latest window held after posting %d (seed %d)", posting, seed)
                    .isEqualTo(Math.min(latest, PortfolioNames.RECENT_LEDGER_ENTRIES));
        }
    }

    @Test
    void shouldLoseTheOldestOfTheWindowWhenAPostingIsLongerThanTheSlack() {
        final Map<Integer, long[]> ring = new HashMap<>();
        final long first = 1;
        final int longer = LONGEST_POSTING + 1;
        ring.put(PortfolioRepository.ledgerSlot(first), new long[] {first, longer});
        // Single entries until the ring comes round to the long posting's slot and overwrites it.
        long next = first + longer;
        while (next < first + PortfolioNames.RECENT_LEDGER_SLOTS) {
            ring.put(PortfolioRepository.ledgerSlot(next), new long[] {next, 1});
            next++;
        }
        ring.put(PortfolioRepository.ledgerSlot(next), new long[] {next, 1});
        final long latest = next;
        final long held = ring.values().stream()
                .mapToLong(p -> java.util.stream.LongStream.range(p[0], p[0] + p[1])
                        .filter(s -> s > latest - PortfolioNames.RECENT_LEDGER_ENTRIES).count())
                .sum();
        // This is what the slack is for: the test above stays within it.
        assertThat(held).isLessThan(PortfolioNames.RECENT_LEDGER_ENTRIES);
    }
}
