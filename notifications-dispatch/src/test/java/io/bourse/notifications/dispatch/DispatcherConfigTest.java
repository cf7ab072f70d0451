package io.bourse.notifications.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

    @Test
    void shouldTakeTheFcmServiceAccountFromTheEnvironment() {
        final DispatcherConfig config = DispatcherConfig.fromEnvironment(Map.of(
                "BOURSE_FCM_SERVICE_ACCOUNT_FILE", "/run/secrets/fcm.json"));

        assertThat(config.fcm().configured()).isTrue();
        assertThat(config.fcm().hasServiceAccount()).isTrue();
        assertThat(config.fcm().serviceAccountFile()).isEqualTo("/run/secrets/fcm.json");
        assertThat(config.fcm().toString()).doesNotContain("secrets");
    }

    @Test
    void shouldLeavePushOffWithoutAServiceAccountOrAProjectAndToken() {
        assertThat(DispatcherConfig.fromEnvironment(Map.of()).fcm().configured()).isFalse();
        assertThat(DispatcherConfig.fromEnvironment(Map.of("BOURSE_FCM_PROJECT_ID", "p")).fcm().configured()).isFalse();
        assertThat(DispatcherConfig.fromEnvironment(Map.of("BOURSE_FCM_PROJECT_ID", "p", "BOURSE_FCM_ACCESS_TOKEN", "ya29.x")).fcm()
                .configured()).isTrue();
    }

    @Test
    void shouldReadBackEnoughStatusesToCoverWhatCanBeUncommitted() {
        final DispatcherConfig defaults = DispatcherConfig.none();

        assertThat(defaults.maxPollRecords()).isEqualTo(50);
        assertThat(defaults.maxUncommitted()).isEqualTo(500);
        assertThat(defaults.replayHorizon()).isEqualTo(1100);
        assertThatIllegalArgumentException().isThrownBy(() -> new DispatcherConfig(null, null, null, false, null, 50, 500, 1000));
    }
}
