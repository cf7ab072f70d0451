package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.edge.api.ApiException;
import io.bourse.schemas.cluster.KafkaEndpoints;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** A catalog that has not read the instruments topic says so instead of calling every symbol unknown. */
class InstrumentCatalogTest {

    @Test
    void shouldAnswerARetryableUnavailableBeforeItHasReadTheTopic() {
        final InstrumentCatalog catalog = new InstrumentCatalog(new KafkaEndpoints("localhost:1", "http://localhost:1"));

        assertThatThrownBy(() -> catalog.get("TCS")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.code()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        });
        assertThatThrownBy(catalog::all).isInstanceOf(ApiException.class);
    }
}
