package io.bourse.portfolio.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.avro.common.ReasonCode;
import io.bourse.portfolio.core.OrderAdmission.Refusal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortfolioMappingTest {

    @Test
    void shouldGiveEveryRefusalOfTheCoreAReasonCodeOfTheSameName() {
        for (final Refusal refusal : Refusal.values()) {
            assertThat(PortfolioMapping.reason(refusal).name()).isEqualTo(refusal.name());
        }
        assertThat(Arrays.stream(ReasonCode.values()).map(Enum::name)).contains("INSUFFICIENT_FUNDS", "AMEND_PENDING");
    }
}
