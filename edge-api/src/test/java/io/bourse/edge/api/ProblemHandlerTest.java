package io.bourse.edge.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();
    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ProblemHandler.class);

    @Test
    void shouldAnswerACommandKafkaWouldNotTakeAsRetryableNotAsAServerError() {
        final ResponseEntity<ProblemDetail> answer = handler.notWritten(
                new TimeoutException("Expiring 1 record(s) for orders.commands-3: 120000 ms has passed since batch creation\nmore"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "EXCHANGE_UNAVAILABLE");
        assertThat(answer.getBody().getDetail()).contains("could not confirm it received the request")
                .contains("120000 ms has passed").doesNotContain("more");
        // Kafka's exceptions go there, but a store being moved keeps its own, more specific answer.
        assertThat(resolver.resolveMethod(new TimeoutException("x")).getName()).isEqualTo("notWritten");
        assertThat(resolver.resolveMethod(new InvalidStateStoreException("x")).getName()).isEqualTo("rebalancing");
    }
}
