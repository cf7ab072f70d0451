package io.bourse.edge.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.catalogue.MatchingNames;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.Topics;
import org.junit.jupiter.api.Test;

class RecordBudgetTest {

    @Test
    void shouldCountTheCatalogueTheNodesInternalTopicsAndTheTransactionTopics() {
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(RecordBudget.exchangeTopic(topic.name())).isTrue());
        assertThat(RecordBudget.exchangeTopic(PortfolioNames.APPLICATION_ID + "-" + PortfolioNames.ACCOUNTS.name() + "-changelog"))
                .isTrue();
        assertThat(RecordBudget.exchangeTopic(MatchingNames.APPLICATION_ID + "-" + MatchingNames.RESTING_ORDERS.name() + "-changelog"))
                .isTrue();
        assertThat(RecordBudget.exchangeTopic("__consumer_offsets")).isTrue();
        assertThat(RecordBudget.exchangeTopic("__transaction_state")).isTrue();
    }

    @Test
    void shouldLeaveOutTopicsTheExchangeDoesNotWrite() {
        assertThat(RecordBudget.exchangeTopic(RelayNames.MID)).isFalse();
        assertThat(RecordBudget.exchangeTopic(RelayNames.RESERVE_APPLICATION_ID + "-x-changelog")).isFalse();
        assertThat(RecordBudget.exchangeTopic(Topics.SCHEMAS)).isFalse();
        assertThat(RecordBudget.exchangeTopic(PortfolioNames.APPLICATION_ID + "-somewhere")).isFalse();
    }

    @Test
    void shouldCountRecordsMarkersAndBytesPerCommand() {
        final RecordBudget.Table table = new RecordBudget.Table(10, java.util.List.of(
                new RecordBudget.Row("a", 10, 4, 100, 300), new RecordBudget.Row("b", 20, 6, 200, 500)));

        assertThat(table.total()).isEqualTo(new RecordBudget.Row("total", 30, 10, 300, 800));
        assertThat(table.row("b").markers()).isEqualTo(6);
        assertThat(table.row("c").records()).isZero();
    }
}
