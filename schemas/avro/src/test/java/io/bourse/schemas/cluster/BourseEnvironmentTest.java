package io.bourse.schemas.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BourseEnvironmentTest {

    private final BourseEnvironment env = new BourseEnvironment(Map.of("BOURSE_KAFKA_PORT", "19092", "BOURSE_BLANK", "  ",
            "BOURSE_FLAG", "TRUE", "BOURSE_NOT_A_NUMBER", "ninety"));

    @Test
    void shouldTreatABlankVariableAsUnset() {
        assertThat(env.get("BOURSE_BLANK")).isNull();
        assertThat(env.get("BOURSE_BLANK", "data")).isEqualTo("data");
        assertThat(env.integer("BOURSE_BLANK", 8081)).isEqualTo(8081);
        assertThat(env.flag("BOURSE_BLANK", true)).isTrue();
    }

    @Test
    void shouldReadNumbersAndFlags() {
        assertThat(env.integer("BOURSE_KAFKA_PORT", 9092)).isEqualTo(19092);
        assertThat(env.integer("BOURSE_UNSET", 9092)).isEqualTo(9092);
        assertThat(env.flag("BOURSE_FLAG", false)).isTrue();
        assertThat(env.flag("BOURSE_KAFKA_PORT", true)).as("anything but true is false, as Boolean.parseBoolean").isFalse();
    }

    @Test
    void shouldNameTheVariableThatIsNotANumberOrIsMissing() {
        assertThatThrownBy(() -> env.integer("BOURSE_NOT_A_NUMBER", 1)).hasMessageContaining("BOURSE_NOT_A_NUMBER")
                .hasMessageContaining("ninety");
        assertThatThrownBy(() -> env.required("BOURSE_SCHEMA_REGISTRY_URL", "when BOURSE_BOOTSTRAP_SERVERS is"))
                .hasMessage("BOURSE_SCHEMA_REGISTRY_URL must be set when BOURSE_BOOTSTRAP_SERVERS is");
    }
}
