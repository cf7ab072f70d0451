package io.bourse.connectors.sink;

import io.debezium.connector.jdbc.JdbcSinkConnector;
import org.apache.kafka.connect.connector.Task;

/**
 * Debezium's JDBC sink for topics whose records each carry several rows: the array field named by
 * {@value EntriesJdbcSinkTask#FIELD} becomes one row per element (the ledger's postings, one record
 * per account and command, become one {@code ledger_entries} row per entry). Everything else is
 * Debezium's JDBC sink unchanged. Connect's transforms run on the record before it is split, so the
 * column selection of the rows is configured under {@value EntriesJdbcSinkTask#COLUMNS_PREFIX}.
 */
public final class EntriesJdbcSinkConnector extends JdbcSinkConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return EntriesJdbcSinkTask.class;
    }
}
