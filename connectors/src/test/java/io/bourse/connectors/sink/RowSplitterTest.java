package io.bourse.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RowSplitterTest {

    private static final Schema ENTRY = SchemaBuilder.struct().name("Entry")
            .field("entryId", Schema.STRING_SCHEMA).field("amount", Schema.INT64_SCHEMA).field("secret", Schema.STRING_SCHEMA).build();
    private static final Schema POSTING = SchemaBuilder.struct().name("Posting")
            .field("userId", Schema.STRING_SCHEMA).field("entries", SchemaBuilder.array(ENTRY).build()).build();

    private static Struct entry(final String id, final long amount) {
        return new Struct(ENTRY).put("entryId", id).put("amount", amount).put("secret", "x");
    }

    private static SinkRecord record(final Schema schema, final Object value) {
        return new SinkRecord("portfolio.postings", 3, Schema.STRING_SCHEMA, "u1", schema, value, 42L);
    }

    @Test
    void shouldMakeOneRowPerElementWithTheRecordsOffsetAndTheConfiguredColumns() {
        final Struct posting = new Struct(POSTING).put("userId", "u1").put("entries", List.of(entry("u1-L1", -5), entry("u1-L2", 7)));
        try (RowSplitter splitter = new RowSplitter("entries", Map.of("include", "entryId,amount", "renames", "entryId:entry_id"))) {

            final List<SinkRecord> rows = splitter.rows(record(POSTING, posting));

            assertThat(rows).hasSize(2).allSatisfy(row -> {
                assertThat(row.kafkaOffset()).isEqualTo(42L);
                assertThat(row.kafkaPartition()).isEqualTo(3);
                assertThat(row.key()).isEqualTo("u1");
                assertThat(row.valueSchema().fields()).extracting(f -> f.name()).containsExactly("entry_id", "amount");
            });
            assertThat(rows).extracting(row -> ((Struct) row.value()).getString("entry_id")).containsExactly("u1-L1", "u1-L2");
            assertThat(rows).extracting(row -> ((Struct) row.value()).getInt64("amount")).containsExactly(-5L, 7L);
        }
    }

    @Test
    void shouldRefuseARecordWithoutTheArrayField() {
        try (RowSplitter splitter = new RowSplitter("entries", Map.of())) {
            assertThatThrownBy(() -> splitter.rows(record(ENTRY, entry("u1-L1", 1))))
                    .isInstanceOf(DataException.class).hasMessageContaining("portfolio.postings-3@42");
            assertThatThrownBy(() -> splitter.rows(record(Schema.STRING_SCHEMA, "garbage"))).isInstanceOf(DataException.class);
        }
    }
}
