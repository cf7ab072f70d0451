package io.bourse.schemas.registry;

import static io.bourse.schemas.registry.CompatibilityLevelTest.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaRegistryStateTest {

    private static final String SUBJECT = "accounts-value";
    private static final String OTHER_SUBJECT = "customers-value";

    private static final Schema V1 = account().requiredString("id").endRecord();
    private static final Schema V2_EMAIL_WITH_DEFAULT =
            account().requiredString("id").name("email").type().stringType().stringDefault("").endRecord();
    private static final Schema V3_EMAIL_REQUIRED = account().requiredString("id").requiredString("email").endRecord();
    private static final Schema ID_AS_INT = account().requiredInt("id").endRecord();

    private final SchemaRegistryState state = new SchemaRegistryState(CompatibilityLevel.BACKWARD);

    @Test
    void shouldStartIdsAndVersionsAtOne() {
        final RegisteredSchema registered = state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThat(registered).isEqualTo(new RegisteredSchema(SUBJECT, 1, 1, V1));
        assertThat(state.latest(SUBJECT)).isEqualTo(registered);
        assertThat(state.schemaById(1)).isEqualTo(V1);
        assertThat(state.subjectNames()).containsExactly(SUBJECT);
    }

    @Test
    void shouldGiveSameSchemaTheSameIdUnderTwoSubjects() {
        state.setCompatibility(OTHER_SUBJECT, CompatibilityLevel.NONE, SchemaRegistryState.Journal.NONE);
        state.register(OTHER_SUBJECT, ID_AS_INT, SchemaRegistryState.Journal.NONE);
        final RegisteredSchema first = state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        final RegisteredSchema second = state.register(OTHER_SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThat(first.id()).isEqualTo(2);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(state.schemaById(2)).isEqualTo(V1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.subject()).isEqualTo(OTHER_SUBJECT);
        assertThat(state.subjectNames()).containsExactly(SUBJECT, OTHER_SUBJECT);
    }

    @Test
    void shouldReturnExistingVersionWhenSameSchemaIsRegisteredAgain() {
        final RegisteredSchema first = state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);
        final RecordingJournal journal = new RecordingJournal();

        final RegisteredSchema again = state.register(SUBJECT, new Schema.Parser().parse(V1.toString()), journal);

        assertThat(again).isEqualTo(first);
        assertThat(state.versionNumbers(SUBJECT)).containsExactly(1);
        assertThat(journal.registered).isEmpty();
    }

    @Test
    void shouldGiveNewSchemaTheNextVersionAndANewId() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        final RegisteredSchema v2 = state.register(SUBJECT, V2_EMAIL_WITH_DEFAULT, SchemaRegistryState.Journal.NONE);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.id()).isEqualTo(2);
        assertThat(state.versionNumbers(SUBJECT)).containsExactly(1, 2);
        assertThat(state.version(SUBJECT, 1).schema()).isEqualTo(V1);
        assertThat(state.latest(SUBJECT)).isEqualTo(v2);
    }

    @Test
    void shouldRejectAddedRequiredFieldUnderBackwardNamingTheSubject() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThatThrownBy(() -> state.register(SUBJECT, V3_EMAIL_REQUIRED, SchemaRegistryState.Journal.NONE))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("'" + SUBJECT + "'")
                .hasMessageContaining("BACKWARD")
                .hasMessageContaining("email")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).errorCode())
                        .isEqualTo(IncompatibleSchemaException.ERROR_CODE));
        assertThat(state.versionNumbers(SUBJECT)).containsExactly(1);
        assertThat(state.incompatibility(SUBJECT, V3_EMAIL_REQUIRED)).isNotNull();
    }

    @Test
    void shouldAcceptAddedFieldWithDefaultUnderBackward() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThat(state.incompatibility(SUBJECT, V2_EMAIL_WITH_DEFAULT)).isNull();
        assertThat(state.register(SUBJECT, V2_EMAIL_WITH_DEFAULT, SchemaRegistryState.Journal.NONE).version())
                .isEqualTo(2);
    }

    @Test
    void shouldCheckOnlyTheLatestVersionAtNonTransitiveLevel() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);
        state.register(SUBJECT, V2_EMAIL_WITH_DEFAULT, SchemaRegistryState.Journal.NONE);

        final RegisteredSchema v3 = state.register(SUBJECT, V3_EMAIL_REQUIRED, SchemaRegistryState.Journal.NONE);

        assertThat(v3.version()).isEqualTo(3);
    }

    @Test
    void shouldCheckEveryEarlierVersionAtTransitiveLevel() {
        state.setCompatibility(SUBJECT, CompatibilityLevel.BACKWARD_TRANSITIVE, SchemaRegistryState.Journal.NONE);
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);
        state.register(SUBJECT, V2_EMAIL_WITH_DEFAULT, SchemaRegistryState.Journal.NONE);

        assertThatThrownBy(() -> state.register(SUBJECT, V3_EMAIL_REQUIRED, SchemaRegistryState.Journal.NONE))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("BACKWARD_TRANSITIVE")
                .hasMessageContaining("email");
        assertThat(state.versionNumbers(SUBJECT)).containsExactly(1, 2);
    }

    @Test
    void shouldAcceptAnythingAtLevelNone() {
        state.setCompatibility(SUBJECT, CompatibilityLevel.NONE, SchemaRegistryState.Journal.NONE);
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        final RegisteredSchema changed = state.register(SUBJECT, ID_AS_INT, SchemaRegistryState.Journal.NONE);
        final RegisteredSchema notARecord = state.register(SUBJECT, Schema.create(Schema.Type.STRING),
                SchemaRegistryState.Journal.NONE);

        assertThat(changed.version()).isEqualTo(2);
        assertThat(notARecord.version()).isEqualTo(3);
    }

    @Test
    void shouldApplySubjectLevelOverGlobalLevel() {
        state.setCompatibility(SUBJECT, CompatibilityLevel.NONE, SchemaRegistryState.Journal.NONE);
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);
        state.register(OTHER_SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThat(state.level(SUBJECT)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(state.level(OTHER_SUBJECT)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(state.level(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(state.incompatibility(SUBJECT, ID_AS_INT)).isNull();
        assertThat(state.incompatibility(OTHER_SUBJECT, ID_AS_INT)).isNotNull();
    }

    @Test
    void shouldChangeGlobalLevelForSubjectsWithoutTheirOwn() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        state.setCompatibility(null, CompatibilityLevel.NONE, SchemaRegistryState.Journal.NONE);

        assertThat(state.level(SUBJECT)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(state.incompatibility(SUBJECT, ID_AS_INT)).isNull();
    }

    @Test
    void shouldJournalRegistrationBeforeItBecomesVisible() {
        final List<Boolean> visibleWhenJournaled = new ArrayList<>();
        final SchemaRegistryState.Journal journal = new RecordingJournal() {
            @Override
            public void schemaRegistered(final RegisteredSchema schema) {
                super.schemaRegistered(schema);
                visibleWhenJournaled.add(state.lookup(SUBJECT, V1).isPresent());
            }
        };

        final RegisteredSchema registered = state.register(SUBJECT, V1, journal);

        assertThat(visibleWhenJournaled).containsExactly(false);
        assertThat(((RecordingJournal) journal).registered).containsExactly(registered);
        assertThat(state.lookup(SUBJECT, V1)).contains(registered);
    }

    @Test
    void shouldLeaveStateUnchangedWhenJournalFails() {
        state.register(OTHER_SUBJECT, ID_AS_INT, SchemaRegistryState.Journal.NONE);
        final SchemaRegistryState.Journal failing = new RecordingJournal() {
            @Override
            public void schemaRegistered(final RegisteredSchema schema) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void compatibilityChanged(final String subject, final CompatibilityLevel level) {
                throw new IllegalStateException("disk full");
            }
        };

        assertThatThrownBy(() -> state.register(SUBJECT, V1, failing)).hasMessage("disk full");
        assertThatThrownBy(() -> state.setCompatibility(SUBJECT, CompatibilityLevel.NONE, failing))
                .hasMessage("disk full");

        assertThat(state.subjectNames()).containsExactly(OTHER_SUBJECT);
        assertThat(state.lookup(SUBJECT, V1)).isEmpty();
        assertThatThrownBy(() -> state.schemaById(2)).isInstanceOf(SchemaNotFoundException.class);
        assertThat(state.level(SUBJECT)).isEqualTo(CompatibilityLevel.BACKWARD);
        // The id the failed registration would have taken is still free.
        assertThat(state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE))
                .isEqualTo(new RegisteredSchema(SUBJECT, 1, 2, V1));
    }

    @Test
    void shouldIgnoreTheSameChangeAppliedTwice() {
        final RegisteredSchema v1 = new RegisteredSchema(SUBJECT, 1, 7, V1);

        state.apply(v1);
        state.apply(v1);

        assertThat(state.versionNumbers(SUBJECT)).containsExactly(1);
        assertThat(state.latest(SUBJECT)).isEqualTo(v1);
        assertThat(state.schemaById(7)).isEqualTo(V1);
        // Replayed ids are never handed out again.
        assertThat(state.register(SUBJECT, V2_EMAIL_WITH_DEFAULT, SchemaRegistryState.Journal.NONE))
                .isEqualTo(new RegisteredSchema(SUBJECT, 2, 8, V2_EMAIL_WITH_DEFAULT));
    }

    @Test
    void shouldOrderVersionsAppliedOutOfOrder() {
        final RegisteredSchema v1 = new RegisteredSchema(SUBJECT, 1, 1, V1);
        final RegisteredSchema v2 = new RegisteredSchema(SUBJECT, 2, 2, V2_EMAIL_WITH_DEFAULT);

        state.apply(v2);
        state.apply(v1);

        assertThat(state.versionNumbers(SUBJECT)).containsExactly(1, 2);
        assertThat(state.latest(SUBJECT)).isEqualTo(v2);
    }

    @Test
    void shouldReplayJournaledChangesIntoAnEqualState() {
        final RecordingJournal journal = new RecordingJournal();
        state.setCompatibility(SUBJECT, CompatibilityLevel.FULL, journal);
        state.register(SUBJECT, V1, journal);
        state.register(SUBJECT, V2_EMAIL_WITH_DEFAULT, journal);
        state.register(OTHER_SUBJECT, V1, journal);

        final SchemaRegistryState replayed = new SchemaRegistryState(CompatibilityLevel.BACKWARD);
        journal.levels.forEach(change -> replayed.applyCompatibility(change.subject(), change.level()));
        journal.registered.forEach(replayed::apply);

        assertThat(replayed.subjectNames()).isEqualTo(state.subjectNames());
        assertThat(replayed.latest(SUBJECT)).isEqualTo(state.latest(SUBJECT));
        assertThat(replayed.latest(OTHER_SUBJECT)).isEqualTo(state.latest(OTHER_SUBJECT));
        assertThat(replayed.level(SUBJECT)).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void shouldFailLookupOfUnknownIdWith40403() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThatThrownBy(() -> state.schemaById(2))
                .isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e -> assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldFailLookupOfUnknownSubjectWith40401() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThatThrownBy(() -> state.latest(OTHER_SUBJECT))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining(OTHER_SUBJECT)
                .satisfies(e -> assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> state.version(OTHER_SUBJECT, 1))
                .satisfies(e -> assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> state.versionNumbers(OTHER_SUBJECT))
                .satisfies(e -> assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40401));
    }

    @Test
    void shouldFailLookupOfUnknownVersionWith40402() {
        state.register(SUBJECT, V1, SchemaRegistryState.Journal.NONE);

        assertThatThrownBy(() -> state.version(SUBJECT, 2))
                .isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e -> assertThat(((SchemaNotFoundException) e).errorCode()).isEqualTo(40402));
    }

    private static class RecordingJournal implements SchemaRegistryState.Journal {
        final List<RegisteredSchema> registered = new ArrayList<>();
        final List<LevelChange> levels = new ArrayList<>();

        @Override
        public void schemaRegistered(final RegisteredSchema schema) {
            registered.add(schema);
        }

        @Override
        public void compatibilityChanged(final String subject, final CompatibilityLevel level) {
            levels.add(new LevelChange(subject, level));
        }
    }

    private record LevelChange(String subject, CompatibilityLevel level) {
    }
}
