package io.bourse.edge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class AuthControllerTest {

    /** The real encoder, recording which hash each check was made against. */
    private static final class Recording implements PasswordEncoder {
        private final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        private final List<String> checkedAgainst = new ArrayList<>();

        @Override
        public String encode(final CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(final CharSequence raw, final String encoded) {
            checkedAgainst.add(encoded);
            return real.matches(raw, encoded);
        }
    }

    @Test
    void shouldSpendAPasswordCheckOnAnUnknownEmailAndStillRefuseIt() {
        final Recording passwords = new Recording();
        final String stored = passwords.encode("correct-horse-9");
        final String absent = passwords.encode("a-random-password-nobody-has");

        assertThat(AuthController.passwordMatches(passwords, stored, "correct-horse-9", absent)).isTrue();
        assertThat(AuthController.passwordMatches(passwords, stored, "wrong-horse-9", absent)).isFalse();
        assertThat(AuthController.passwordMatches(passwords, null, "a-random-password-nobody-has", absent))
                .as("no account, even with the absent hash's own password").isFalse();

        assertThat(passwords.checkedAgainst).containsExactly(stored, stored, absent);
        assertThat(absent).as("made like an account's hash, at the same cost").startsWith(stored.substring(0, stored.lastIndexOf('$') + 1));
    }
}
