package io.bourse.edge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFieldAdviceTest {

    record Address(String line, String city) {
    }

    record Request(String displayName, long quantity, List<Address> addresses) {
    }

    @Test
    void shouldAcceptOrdinaryTextInEveryScript() {
        TextFieldAdvice.check(new Request("Ananya Iyer — अनन्या", 5, List.of(new Address("Bandra Kurla Complex", "मुंबई"))));
    }

    @Test
    void shouldNameTheFieldWithAControlCharacterNestedOrNot() {
        assertThatThrownBy(() -> TextFieldAdvice.check(new Request("Eve\u0007", 1, List.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONTROL_CHARACTER");
                    assertThat(e.getMessage()).isEqualTo("displayName must not contain control characters");
                });
        assertThatThrownBy(() -> TextFieldAdvice.check(new Request("Eve", 1, List.of(new Address("x", "Pune\u202Egnp.exe")))))
                .hasMessage("addresses.city must not contain control characters");
        for (final String bad : List.of("a\nb", "a\tb", "\u001b[31m", "\u0085", "\u007f", "\u2028", "\u2066")) {
            assertThat(TextFieldAdvice.hasControlCharacter(bad)).as("%s", bad.codePoints().boxed().toList()).isTrue();
        }
    }
}
