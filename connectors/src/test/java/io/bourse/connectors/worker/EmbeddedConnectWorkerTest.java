package io.bourse.connectors.worker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class EmbeddedConnectWorkerTest {

    @Test
    void shouldRefuseToRunOutsideUtcWhereTheSinkWouldShiftTimestamps() {
        assertThatThrownBy(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("Asia/Kolkata")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("-Duser.timezone=UTC");
        assertThatThrownBy(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("Europe/London")))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("UTC"))).doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedConnectWorker.requireUtc(TimeZone.getTimeZone("Etc/GMT"))).doesNotThrowAnyException();
    }
}
