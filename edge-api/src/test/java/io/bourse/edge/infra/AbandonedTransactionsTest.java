package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AbandonedTransactionsTest {

    private static final String LIVE = "0b7f3a52-8c1d-4e0f-9a6b-2d4c8e1f3a5b";
    private static final String DEAD = "e2e3dbc9-43bb-4cb8-a846-15b10bd18be8";

    @Test
    void shouldReadTheProcessOfAStreamThreadsClientAndTransactionalIds() {
        assertThat(AbandonedTransactions.processOf("bourse-portfolio", "bourse-portfolio-" + LIVE + "-StreamThread-1-consumer"))
                .contains(LIVE);
        assertThat(AbandonedTransactions.processOf("bourse-portfolio", "bourse-portfolio-" + DEAD + "-0")).contains(DEAD);
    }

    @Test
    void shouldNotReadAProcessFromAnotherApplicationsOrAnotherClientsId() {
        assertThat(AbandonedTransactions.processOf("bourse-portfolio", "bourse-matching-" + DEAD + "-0")).isEmpty();
        assertThat(AbandonedTransactions.processOf("bourse-matching", "bourse-matching-x-" + DEAD + "-0")).isEmpty();
        assertThat(AbandonedTransactions.processOf("bourse-portfolio", "bourse-edge-revocations")).isEmpty();
        assertThat(AbandonedTransactions.processOf("bourse-portfolio", null)).isEmpty();
    }

    @Test
    void shouldFenceOnlyTheApplicationsTransactionsOfProcessesNoLongerInTheGroup() {
        final List<String> ongoing = List.of("bourse-portfolio-" + LIVE + "-0", "bourse-portfolio-" + DEAD + "-0",
                "bourse-portfolio-" + DEAD + "-1", "bourse-matching-" + DEAD + "-0", "failover-order-flow");

        assertThat(AbandonedTransactions.abandoned("bourse-portfolio", Set.of(LIVE), ongoing))
                .containsExactly("bourse-portfolio-" + DEAD + "-0", "bourse-portfolio-" + DEAD + "-1");
        assertThat(AbandonedTransactions.abandoned("bourse-portfolio", Set.of(LIVE, DEAD), ongoing)).isEmpty();
    }
}
