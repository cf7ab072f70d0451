package io.bourse.schemas.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final String USER_ID = "user id";
    private static final String SYMBOL = "symbol";

    /**
     * Symbol-keyed but outside co-partitioning: a single-partition compacted table that readers load
     * whole (a global table), never join partition by partition.
     */
    private static final Set<Topic<?>> GLOBAL_TABLES = Set.of(Topics.INSTRUMENTS);

    @Test
    void shouldListEveryCatalogueConstantInAll() throws IllegalAccessException {
        final List<Topic<?>> constants = new ArrayList<>();
        for (final Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Topic.class) {
                constants.add((Topic<?>) field.get(null));
            }
        }

        assertThat(constants).hasSize(21);
        assertThat(Topics.ALL).containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void shouldHaveUniqueNames() {
        final List<String> names = Topics.ALL.stream().map(Topic::name).toList();

        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).doesNotContain(Topics.SCHEMAS, Topics.CONNECT_DEAD_LETTERS);
    }

    @Test
    void shouldHaveOneTopicPerValueType() {
        assertThat(Topics.ALL.stream().map(Topic::valueType).toList()).doesNotHaveDuplicates();
    }

    @Test
    void shouldFindEveryTopicByName() {
        for (final Topic<?> topic : Topics.ALL) {
            assertThat(Topics.byName(topic.name())).as(topic.name()).containsSame(topic);
        }
        assertThat(Topics.byName("orders.command")).isEmpty();
    }

    @Test
    void shouldGiveEveryUserKeyedTopicTheSamePartitionCount() {
        final List<Topic<?>> userKeyed = keyedBy(USER_ID);

        assertThat(userKeyed).contains(Topics.ORDERS_COMMANDS, Topics.MATCHING_RESULTS, Topics.PORTFOLIO_POSTINGS);
        assertThat(userKeyed).allSatisfy(topic -> {
            assertThat(topic.partitioning()).as(topic.name()).isEqualTo(Partitioning.BY_USER);
            assertThat(topic.partitions()).as(topic.name()).isEqualTo(Topics.USER_PARTITIONS);
        });
    }

    @Test
    void shouldGiveEverySymbolKeyedTopicTheSamePartitionCount() {
        final List<Topic<?>> symbolKeyed = keyedBy(SYMBOL).stream().filter(t -> !GLOBAL_TABLES.contains(t)).toList();

        assertThat(symbolKeyed).contains(Topics.MATCHING_COMMANDS, Topics.TRADES_EXECUTED, Topics.BOOK_UPDATES);
        assertThat(symbolKeyed).allSatisfy(topic -> {
            assertThat(topic.partitioning()).as(topic.name()).isEqualTo(Partitioning.BY_SYMBOL);
            assertThat(topic.partitions()).as(topic.name()).isEqualTo(Topics.SYMBOL_PARTITIONS);
        });
    }

    @Test
    void shouldKeepGlobalTablesCompactedInOnePartition() {
        assertThat(GLOBAL_TABLES).allSatisfy(topic -> {
            assertThat(topic.compacted()).as(topic.name()).isTrue();
            assertThat(topic.partitioning()).as(topic.name()).isEqualTo(Partitioning.SINGLE);
            assertThat(topic.partitions()).as(topic.name()).isEqualTo(1);
        });
    }

    @Test
    void shouldGiveEachKindOfKeyItsConfiguredCountAndGlobalTablesOne() {
        final PartitionCounts counts = new PartitionCounts(2, 3);

        assertThat(counts.applyAsInt(Topics.ORDERS_COMMANDS)).isEqualTo(2);
        assertThat(counts.applyAsInt(Topics.AUTH_REVOCATIONS)).isEqualTo(2);
        assertThat(counts.applyAsInt(Topics.MATCHING_COMMANDS)).isEqualTo(3);
        assertThat(counts.applyAsInt(Topics.INSTRUMENTS)).isEqualTo(1);
        assertThat(counts.applyAsInt(Topics.DEAD_LETTERS)).isEqualTo(1);
        assertThatThrownBy(() -> new PartitionCounts(0, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldUseOnlyKnownKeyKinds() {
        assertThat(Topics.ALL).extracting(Topic::key).containsOnly(USER_ID, SYMBOL, "source topic", "provider payment id", "provider order id");
    }

    @Test
    void shouldCreateCompactedTopicsWithCompactPolicy() {
        final List<Topic<?>> compacted = Topics.ALL.stream().filter(Topic::compacted).toList();

        assertThat(compacted).containsExactlyInAnyOrder(Topics.INSTRUMENTS, Topics.MARKET_TICKERS, Topics.PAYMENTS_DEPOSIT_INTENTS);
        assertThat(compacted).allSatisfy(topic -> {
            final NewTopic request = topic.newTopic(topic.partitions(), (short) 3);
            assertThat(request.configs())
                    .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                    .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
            assertThat(request.name()).isEqualTo(topic.name());
            assertThat(request.replicationFactor()).isEqualTo((short) 3);
        });
    }

    @Test
    void shouldCreateOtherTopicsWithDeletePolicyAndTheirRetention() {
        assertThat(Topics.ALL.stream().filter(t -> !t.compacted())).allSatisfy(topic ->
                assertThat(topic.configs())
                        .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs())));
        assertThat(Topics.ORDERS_COMMANDS.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(Topics.BOOK_UPDATES.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000");
    }

    @Test
    void shouldDocumentEveryNamedTypeAndFieldOfEveryValueSchema() {
        final List<String> undocumented = new ArrayList<>();
        for (final Topic<?> topic : Topics.ALL) {
            collectUndocumented(schemaOf(topic), schemaOf(topic).getFullName(), new HashSet<>(), undocumented);
        }

        assertThat(undocumented).as("types and fields without a doc").isEmpty();
    }

    @Test
    void shouldReportMissingDocsInNestedTypes() {
        final Schema nested = new Schema.Parser().parse("""
                {"type": "record", "name": "Outer", "namespace": "test", "doc": "outer",
                 "fields": [{"name": "items", "doc": "items", "type": {"type": "array", "items":
                   {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "long"}]}}}]}
                """);
        final List<String> undocumented = new ArrayList<>();

        collectUndocumented(nested, "Outer", new HashSet<>(), undocumented);

        assertThat(undocumented).containsExactly("Outer.items[] (test.Inner)", "Outer.items[].x");
    }

    @Test
    void shouldUseNoFloatingPointAnywhere() {
        final List<String> floating = new ArrayList<>();
        for (final Topic<?> topic : Topics.ALL) {
            collectFloatingPoint(schemaOf(topic), schemaOf(topic).getFullName(), new HashSet<>(), floating);
        }

        assertThat(floating).as("float or double fields (money and quantities are integers)").isEmpty();
    }

    @Test
    void shouldFindFloatingPointInNestedTypes() {
        final Schema nested = new Schema.Parser().parse("""
                {"type": "record", "name": "Outer", "namespace": "test",
                 "fields": [{"name": "prices", "type": {"type": "map", "values": ["null", "double"]}}]}
                """);
        final List<String> floating = new ArrayList<>();

        collectFloatingPoint(nested, "Outer", new HashSet<>(), floating);

        assertThat(floating).containsExactly("Outer.prices{}|double");
    }

    private static List<Topic<?>> keyedBy(final String key) {
        return Topics.ALL.stream().filter(t -> t.key().equals(key)).toList();
    }

    private static Schema schemaOf(final Topic<?> topic) {
        return SpecificData.get().getSchema(topic.valueType());
    }

    /** Adds the path of every record, enum, fixed and field under {@code schema} that lacks a doc. */
    private static void collectUndocumented(final Schema schema, final String path, final Set<String> seen,
            final List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    undocumented.add(path.equals(schema.getFullName()) ? path : path + " (" + schema.getFullName() + ")");
                }
                if (schema.getType() == Schema.Type.RECORD) {
                    for (final Schema.Field field : schema.getFields()) {
                        final String fieldPath = path + "." + field.name();
                        if (isBlank(field.doc())) {
                            undocumented.add(fieldPath);
                        }
                        collectUndocumented(field.schema(), fieldPath, seen, undocumented);
                    }
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collectUndocumented(branch, path, seen, undocumented));
            case ARRAY -> collectUndocumented(schema.getElementType(), path + "[]", seen, undocumented);
            case MAP -> collectUndocumented(schema.getValueType(), path + "{}", seen, undocumented);
            default -> {
            }
        }
    }

    private static void collectFloatingPoint(final Schema schema, final String path, final Set<String> seen,
            final List<String> floating) {
        switch (schema.getType()) {
            case FLOAT, DOUBLE -> floating.add(path + "|" + schema.getName());
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(f -> collectFloatingPoint(f.schema(), path + "." + f.name(), seen, floating));
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collectFloatingPoint(branch, path, seen, floating));
            case ARRAY -> collectFloatingPoint(schema.getElementType(), path + "[]", seen, floating);
            case MAP -> collectFloatingPoint(schema.getValueType(), path + "{}", seen, floating);
            default -> {
            }
        }
    }

    private static boolean isBlank(final String doc) {
        return doc == null || doc.isBlank();
    }
}
