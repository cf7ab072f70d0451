package io.bourse.edge.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.edge.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void shouldPauseAnAccountForDoublingTimesAfterItsFreeFailuresAndForgiveOnSuccess() {
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            throttle.checkAccount("u1");
            throttle.accountFailed("u1");
        }
        assertThatCode(() -> throttle.checkAccount("u1")).as("the free failures cost nothing").doesNotThrowAnyException();
        throttle.accountFailed("u1");
        assertThatThrownBy(() -> throttle.checkAccount("u1")).isInstanceOfSatisfying(LoginThrottle.Throttled.class, t -> {
            org.assertj.core.api.Assertions.assertThat(t.code()).isEqualTo("LOGIN_THROTTLED");
            org.assertj.core.api.Assertions.assertThat(t.retryAfterSeconds()).isEqualTo(1);
        });
        assertThatCode(() -> throttle.checkAccount("u2")).as("another account").doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(1));
        throttle.checkAccount("u1");
        throttle.accountFailed("u1");
        clock.advance(Duration.ofMillis(1_500));
        assertThatThrownBy(() -> throttle.checkAccount("u1")).as("two seconds after the next failure").isInstanceOf(LoginThrottle.Throttled.class);
        clock.advance(Duration.ofMillis(500));
        throttle.checkAccount("u1");
        throttle.accountSucceeded("u1");
        throttle.accountFailed("u1");
        assertThatCode(() -> throttle.checkAccount("u1")).as("a success starts the count again").doesNotThrowAnyException();
    }

    @Test
    void shouldCapThePauseAndForgetOldFailures() {
        for (int i = 0; i < 60; i++) {
            throttle.accountFailed("u1");
        }
        assertThatThrownBy(() -> throttle.checkAccount("u1")).isInstanceOfSatisfying(LoginThrottle.Throttled.class,
                t -> org.assertj.core.api.Assertions.assertThat(t.retryAfterSeconds()).isLessThanOrEqualTo(LoginThrottle.MAX_PAUSE.toSeconds() + 1));
        clock.advance(LoginThrottle.MAX_PAUSE.plusSeconds(1));
        throttle.checkAccount("u1");
        throttle.accountFailed("u1");
        assertThatCode(() -> throttle.checkAccount("u1")).as("counted from one again").doesNotThrowAnyException();
    }

    @Test
    void shouldPauseAnAddressTryingManyAccounts() {
        for (int i = 0; i < LoginThrottle.FREE_IP_FAILURES; i++) {
            throttle.checkAddress("10.0.0.1");
            throttle.addressFailed("10.0.0.1");
        }
        throttle.checkAddress("10.0.0.1");
        throttle.addressFailed("10.0.0.1");
        assertThatThrownBy(() -> throttle.checkAddress("10.0.0.1")).isInstanceOf(LoginThrottle.Throttled.class);
        assertThatCode(() -> throttle.checkAddress("10.0.0.2")).doesNotThrowAnyException();
    }
}
