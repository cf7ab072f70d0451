package io.bourse.notifications.dispatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkipsTest {

    private static Message message(final Channel channel, final String recipient, final List<String> tokens) {
        return new Message("n-1", "u-1", "DEPOSIT_CREDITED", channel, recipient, "Deposit credited", "₹1,000.00 credited", null, tokens);
    }

    @Test
    void shouldAttemptAMessageThatCanReachTheUserOnAConfiguredChannel() {
        assertThat(Skips.reason(message(Channel.EMAIL, "asha@bourse.test", List.of()), true, false)).isEmpty();
        assertThat(Skips.reason(message(Channel.SMS, "+919800000001", List.of()), true, false)).isEmpty();
        assertThat(Skips.reason(message(Channel.PUSH, null, List.of("device-1")), true, false)).isEmpty();
        assertThat(Skips.reason(message(Channel.IN_APP, null, List.of()), true, false)).isEmpty();
    }

    @Test
    void shouldSkipAChannelThisDispatcherHasNoProviderFor() {
        assertThat(Skips.reason(message(Channel.EMAIL, "asha@bourse.test", List.of()), false, false)).contains(Skips.CHANNEL_DISABLED);
        assertThat(Skips.reason(message(Channel.PUSH, null, List.of("device-1")), false, false)).contains(Skips.CHANNEL_DISABLED);
    }

    @Test
    void shouldSkipAMessageWithNowhereToGo() {
        assertThat(Skips.reason(message(Channel.EMAIL, null, List.of()), true, false)).contains(Skips.NO_RECIPIENT);
        assertThat(Skips.reason(message(Channel.SMS, "  ", List.of()), true, false)).contains(Skips.NO_RECIPIENT);
        assertThat(Skips.reason(message(Channel.PUSH, null, List.of()), true, false)).contains(Skips.NO_DEVICE);
        assertThat(Skips.reason(message(Channel.PUSH, null, List.of("")), true, false)).contains(Skips.NO_DEVICE);
    }

    @Test
    void shouldSkipAPairTheUserTurnedOffBeforeAnythingElseButNeverInApp() {
        assertThat(Skips.reason(message(Channel.EMAIL, "asha@bourse.test", List.of()), true, true)).contains(Skips.TURNED_OFF);
        assertThat(Skips.reason(message(Channel.SMS, null, List.of()), false, true)).contains(Skips.TURNED_OFF);
        assertThat(Skips.reason(message(Channel.PUSH, null, List.of("device-1")), true, true)).contains(Skips.TURNED_OFF);
        assertThat(Skips.reason(message(Channel.IN_APP, null, List.of()), true, true))
                .as("the topology has put it in the inbox already").isEmpty();
    }
}
