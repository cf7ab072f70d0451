package io.bourse.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The examples follow Avro's reader/writer resolution: BACKWARD means the new schema, as reader,
 * decodes data written with an earlier one; FORWARD means an earlier schema, as reader, decodes data
 * written with the new one.
 */
class CompatibilityLevelTest {

    /** {id, name} both required, plus an optional nickname (null default). */
    static final Schema V1 = account()
            .requiredString("id")
            .requiredString("name")
            .optionalString("nickname")
            .endRecord();

    @Test
    void shouldAcceptAnythingWithoutEarlierVersions() {
        for (final CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(level.incompatibility(V1, List.of())).as(level.name()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void shouldAcceptIdenticalSchemaAtEveryLevel(final CompatibilityLevel level) {
        assertThat(level.incompatibility(V1, List.of(V1))).isNull();
    }

    @Test
    void shouldRejectAddedRequiredFieldUnderBackward() {
        final Schema withEmail = account().requiredString("id").requiredString("name").optionalString("nickname")
                .requiredString("email")
                .endRecord();

        assertThat(CompatibilityLevel.BACKWARD.incompatibility(withEmail, List.of(V1)))
                .startsWith("new schema cannot read data written with an earlier one")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("email");
    }

    @Test
    void shouldAcceptAddedFieldWithDefaultUnderBackwardForwardAndFull() {
        final Schema withEmail = account().requiredString("id").requiredString("name").optionalString("nickname")
                .name("email").type().stringType().stringDefault("")
                .endRecord();

        assertThat(CompatibilityLevel.BACKWARD.incompatibility(withEmail, List.of(V1))).isNull();
        assertThat(CompatibilityLevel.FORWARD.incompatibility(withEmail, List.of(V1))).isNull();
        assertThat(CompatibilityLevel.FULL.incompatibility(withEmail, List.of(V1))).isNull();
    }

    @Test
    void shouldAcceptAddedRequiredFieldUnderForwardBecauseOldReadersIgnoreIt() {
        final Schema withEmail = account().requiredString("id").requiredString("name").optionalString("nickname")
                .requiredString("email")
                .endRecord();

        assertThat(CompatibilityLevel.FORWARD.incompatibility(withEmail, List.of(V1))).isNull();
        assertThat(CompatibilityLevel.FULL.incompatibility(withEmail, List.of(V1)))
                .startsWith("new schema cannot read data written with an earlier one")
                .contains("email");
    }

    @Test
    void shouldRejectRemovedRequiredFieldUnderForwardButAcceptItUnderBackward() {
        final Schema withoutName = account().requiredString("id").optionalString("nickname").endRecord();

        assertThat(CompatibilityLevel.BACKWARD.incompatibility(withoutName, List.of(V1))).isNull();
        assertThat(CompatibilityLevel.FORWARD.incompatibility(withoutName, List.of(V1)))
                .startsWith("an earlier schema cannot read data written with the new one")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("name");
        assertThat(CompatibilityLevel.FULL.incompatibility(withoutName, List.of(V1)))
                .startsWith("an earlier schema cannot read data written with the new one");
    }

    @Test
    void shouldAcceptRemovedFieldWithDefaultUnderFull() {
        final Schema withoutNickname = account().requiredString("id").requiredString("name").endRecord();

        assertThat(CompatibilityLevel.FULL.incompatibility(withoutNickname, List.of(V1))).isNull();
    }

    @Test
    void shouldAllowWideningIntToLongOnlyBackward() {
        final Schema intQuantity = quantity(Schema.Type.INT);
        final Schema longQuantity = quantity(Schema.Type.LONG);

        // A long reader promotes int data; an int reader cannot take long data.
        assertThat(CompatibilityLevel.BACKWARD.incompatibility(longQuantity, List.of(intQuantity))).isNull();
        assertThat(CompatibilityLevel.FORWARD.incompatibility(longQuantity, List.of(intQuantity)))
                .contains("TYPE_MISMATCH");
        assertThat(CompatibilityLevel.BACKWARD.incompatibility(intQuantity, List.of(longQuantity)))
                .contains("TYPE_MISMATCH");
        assertThat(CompatibilityLevel.FORWARD.incompatibility(intQuantity, List.of(longQuantity))).isNull();
    }

    @Test
    void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
        // v1 {id}; v2 adds email with a default; v3 drops that default: fine after v2, not after v1.
        final Schema v1 = account().requiredString("id").endRecord();
        final Schema v2 = account().requiredString("id").name("email").type().stringType().stringDefault("").endRecord();
        final Schema v3 = account().requiredString("id").requiredString("email").endRecord();

        assertThat(CompatibilityLevel.BACKWARD.incompatibility(v3, List.of(v1, v2))).isNull();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibility(v3, List.of(v1, v2)))
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("email");
    }

    @Test
    void shouldCheckEveryEarlierReaderUnderForwardAndFullTransitive() {
        // v1 {id, name}; v2 gives name a default; v3 drops name: v2 readers cope, v1 readers do not.
        final Schema v1 = account().requiredString("id").requiredString("name").endRecord();
        final Schema v2 = account().requiredString("id").name("name").type().stringType().stringDefault("").endRecord();
        final Schema v3 = account().requiredString("id").endRecord();

        assertThat(CompatibilityLevel.FORWARD.incompatibility(v3, List.of(v1, v2))).isNull();
        assertThat(CompatibilityLevel.FULL.incompatibility(v3, List.of(v1, v2))).isNull();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.incompatibility(v3, List.of(v1, v2)))
                .startsWith("an earlier schema cannot read data written with the new one")
                .contains("name");
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.incompatibility(v3, List.of(v1, v2)))
                .startsWith("an earlier schema cannot read data written with the new one")
                .contains("name");
    }

    @Test
    void shouldAcceptAnyChangeUnderNone() {
        final Schema idIsAnInt = SchemaBuilder.record("Account").namespace("io.bourse.test").fields()
                .requiredInt("id")
                .endRecord();
        final Schema notEvenARecord = Schema.create(Schema.Type.BYTES);

        assertThat(CompatibilityLevel.BACKWARD.incompatibility(idIsAnInt, List.of(V1))).isNotNull();
        assertThat(CompatibilityLevel.NONE.incompatibility(idIsAnInt, List.of(V1))).isNull();
        assertThat(CompatibilityLevel.NONE.incompatibility(notEvenARecord, List.of(V1, idIsAnInt))).isNull();
    }

    @Test
    void shouldRejectRenamedRecordUnderBackward() {
        final Schema renamed = SchemaBuilder.record("Customer").namespace("io.bourse.test").fields()
                .requiredString("id").requiredString("name").optionalString("nickname")
                .endRecord();

        assertThat(CompatibilityLevel.BACKWARD.incompatibility(renamed, List.of(V1))).contains("NAME_MISMATCH");
    }

    static SchemaBuilder.FieldAssembler<Schema> account() {
        return SchemaBuilder.record("Account").namespace("io.bourse.test").fields();
    }

    private static Schema quantity(final Schema.Type type) {
        return account().requiredString("id").name("quantity").type(Schema.create(type)).noDefault().endRecord();
    }
}
