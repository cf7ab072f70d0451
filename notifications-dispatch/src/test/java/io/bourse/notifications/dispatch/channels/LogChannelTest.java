package io.bourse.notifications.dispatch.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogChannelTest {

    @Test
    void shouldSummariseAnSmsOnOneLineWithThePhoneNumberMasked() {
        final Message sms = new Message("n-1", "u-1", "DEPOSIT_CREDITED", Channel.SMS, "+919800000009", null,
                "Bourse: ₹5.25 credited\nto your account.", null, List.of());

        assertThat(LogChannel.summary(sms))
                .isEqualTo("SMS to *********0009 (DEPOSIT_CREDITED, n-1): Bourse: ₹5.25 credited to your account.")
                .doesNotContain("+919800000009");
        assertThat(new LogChannel(Channel.SMS).send(sms)).isInstanceOf(Attempt.Accepted.class);
    }

    @Test
    void shouldCountPushDevicesInsteadOfShowingTheirTokensAndCutALongText() {
        final Message push = new Message("n-2", "u-1", "ORDER_FILLED", Channel.PUSH, null, "Order filled",
                "x".repeat(500), null, List.of("secret-token-a", "secret-token-b"));

        final String line = LogChannel.summary(push);

        assertThat(line).startsWith("PUSH to 2 devices (ORDER_FILLED, n-2): Order filled: xxx").doesNotContain("secret-token")
                .doesNotContain("\n").endsWith("…");
        assertThat(line.length()).isLessThan(LogChannel.MAX_TEXT + 60);
    }
}
