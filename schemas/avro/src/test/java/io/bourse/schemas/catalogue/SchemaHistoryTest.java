package io.bourse.schemas.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.avro.matching.Trade;
import io.bourse.schemas.TestSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every topic's value schema against its released history under {@code history/}. */
class SchemaHistoryTest {

    static Stream<Named<Class<?>>> topics() {
        return VersionedSchemas.ALL.stream().map(type -> Named.of(type.getSimpleName(), (Class<?>) type));
    }

    @ParameterizedTest
    @MethodSource("topics")
    void shouldHaveAtLeastVersionOne(final Class<?> topic) {
        final String fullName = SchemaHistory.currentSchema(topic).getFullName();

        assertThat(SchemaHistory.file(SchemaHistory.DIR, fullName, 1)).isRegularFile();
        assertThat(SchemaHistory.versions(SchemaHistory.DIR, fullName)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void shouldEqualTheNewestHistoryVersion(final Class<?> topic) {
        final Schema current = SchemaHistory.currentSchema(topic);
        final List<Schema> history = SchemaHistory.versions(SchemaHistory.DIR, current.getFullName());

        final String missing = SchemaHistory.missingVersion(SchemaHistory.DIR, current.getFullName(), current, history);

        assertThat(missing).overridingErrorMessage(() -> missing).isNull();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void shouldStayBackwardCompatibleWithEveryEarlierVersion(final Class<?> topic) {
        final Schema current = SchemaHistory.currentSchema(topic);
        final List<Schema> history = SchemaHistory.versions(SchemaHistory.DIR, current.getFullName());

        final List<String> problems =
                SchemaHistory.incompatibilities(SchemaHistory.DIR, current.getFullName(), current, history);

        assertThat(problems).overridingErrorMessage(() -> String.join("\n", problems)).isEmpty();
    }

    @Test
    void shouldReportAddedRequiredFieldAsIncompatible() {
        final Schema released = Trade.getClassSchema();
        final Schema withRequiredVenue = TestSchemas.withField(released, 3,
                new Schema.Field("venue", Schema.create(Schema.Type.STRING), "Venue the trade happened on."));

        final List<String> problems = SchemaHistory.incompatibilities(SchemaHistory.DIR, released.getFullName(),
                withRequiredVenue, List.of(released));

        assertThat(problems).singleElement().asString()
                .contains("current schema of io.bourse.avro.matching.Trade is not BACKWARD compatible")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("venue");
    }

    @Test
    void shouldReportIncompatibleHistoryVersion() {
        final Schema v1 = Trade.getClassSchema();
        final Schema v2 = TestSchemas.withField(v1, 3,
                new Schema.Field("venue", Schema.create(Schema.Type.STRING), "Venue the trade happened on."));
        final Schema v3 = TestSchemas.withoutField(v2, "venue");

        final List<String> problems = SchemaHistory.incompatibilities(Path.of("history"), v1.getFullName(), v3,
                List.of(v1, v2, v3));

        assertThat(problems).singleElement().asString()
                .startsWith(Path.of("history", "io.bourse.avro.matching.Trade", "v2.avsc").toString())
                .contains("venue");
    }

    @Test
    void shouldAcceptAddedFieldWithDefaultButAskForTheNextVersionFile() {
        final Schema released = Trade.getClassSchema();
        final Schema withOptionalVenue = TestSchemas.withField(released, 3, new Schema.Field("venue",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Venue the trade happened on.", Schema.Field.NULL_DEFAULT_VALUE));

        assertThat(SchemaHistory.incompatibilities(SchemaHistory.DIR, released.getFullName(), withOptionalVenue,
                List.of(released))).isEmpty();
        assertThat(SchemaHistory.missingVersion(SchemaHistory.DIR, released.getFullName(), withOptionalVenue,
                List.of(released)))
                .contains(Path.of("history", "io.bourse.avro.matching.Trade", "v2.avsc").toString())
                .contains("BACKWARD compatible");
    }

    @Test
    void shouldReadVersionsInNumericOrderAndRejectGaps(@TempDir final Path dir) throws Exception {
        final Schema v1 = Trade.getClassSchema();
        final Schema v2 = TestSchemas.withoutField(v1, "buyUserId");
        final String fullName = v1.getFullName();
        Files.createDirectories(dir.resolve(fullName));
        Files.writeString(SchemaHistory.file(dir, fullName, 1), v1.toString(true));
        Files.writeString(SchemaHistory.file(dir, fullName, 2), v2.toString(true));

        assertThat(SchemaHistory.versions(dir, fullName)).containsExactly(v1, v2);
        assertThat(SchemaHistory.versions(dir, "io.bourse.avro.Unknown")).isEmpty();

        Files.writeString(SchemaHistory.file(dir, fullName, 10), v2.toString(true));
        assertThatThrownBy(() -> SchemaHistory.versions(dir, fullName))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("skips from v2 to v10");
    }

    @Test
    void shouldWriteOnlyMissingVersionsAndNeverRewriteOldOnes(@TempDir final Path dir) throws Exception {
        final Schema current = Trade.getClassSchema();
        final Schema released = TestSchemas.withField(current, 3,
                new Schema.Field("venue", Schema.create(Schema.Type.STRING), "Venue the trade happened on."));
        final Path tradeV1 = SchemaHistory.file(dir, current.getFullName(), 1);
        Files.createDirectories(tradeV1.getParent());
        Files.writeString(tradeV1, released.toString(true));

        SchemaHistory.main(new String[] {dir.toString()});
        SchemaHistory.main(new String[] {dir.toString()});

        assertThat(SchemaHistory.versions(dir, current.getFullName())).containsExactly(released, current);
        assertThat(Files.readString(tradeV1)).isEqualTo(released.toString(true));
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(VersionedSchemas.ALL.size() + 1);
        }
    }

    @Test
    void shouldRefuseToWriteIncompatibleVersion(@TempDir final Path dir) throws Exception {
        final Schema current = Trade.getClassSchema();
        final Path tradeV1 = SchemaHistory.file(dir, current.getFullName(), 1);
        Files.createDirectories(tradeV1.getParent());
        Files.writeString(tradeV1, TestSchemas.withoutField(current, "buyUserId").toString(true));

        assertThatThrownBy(() -> SchemaHistory.main(new String[] {dir.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.bourse.avro.matching.Trade")
                .hasMessageContaining("buyUserId");
        assertThat(SchemaHistory.file(dir, current.getFullName(), 2)).doesNotExist();
    }
}
