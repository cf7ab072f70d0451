package io.bourse.edge.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.edge.api.ApiException;
import org.junit.jupiter.api.Test;

/** The format rules of payout destinations, each refusal with its stable code. */
class PayoutDestinationsTest {

    @Test
    void shouldNormalizeAValidBankAccountAndVpa() {
        assertThat(PayoutDestinations.check("BANK_ACCOUNT", " Bob Das ", "hdfc0001234", "000123456789", null))
                .isEqualTo(new PaymentProvider.Destination("Bob Das", "HDFC0001234", "000123456789", null));
        assertThat(PayoutDestinations.check("VPA", null, null, null, "Bob.Das@OkHDFC"))
                .isEqualTo(new PaymentProvider.Destination(null, null, null, "bob.das@okhdfc"));
    }

    @Test
    void shouldRefuseMalformedDestinationsWithAStableCode() {
        refused("INVALID_IFSC", "BANK_ACCOUNT", "Bob Das", "HDFC1234567", "000123456789", null);
        refused("INVALID_IFSC", "BANK_ACCOUNT", "Bob Das", "HDF00001234", "000123456789", null);
        refused("INVALID_IFSC", "BANK_ACCOUNT", "Bob Das", null, "000123456789", null);
        refused("INVALID_ACCOUNT_NUMBER", "BANK_ACCOUNT", "Bob Das", "HDFC0001234", "12345678", null);
        refused("INVALID_ACCOUNT_NUMBER", "BANK_ACCOUNT", "Bob Das", "HDFC0001234", "1234567890123456789", null);
        refused("INVALID_ACCOUNT_NUMBER", "BANK_ACCOUNT", "Bob Das", "HDFC0001234", "12345-67890", null);
        refused("INVALID_ACCOUNT_HOLDER", "BANK_ACCOUNT", "B", "HDFC0001234", "000123456789", null);
        refused("INVALID_ACCOUNT_HOLDER", "BANK_ACCOUNT", "--- ...", "HDFC0001234", "000123456789", null);
        refused("INVALID_ACCOUNT_HOLDER", "BANK_ACCOUNT", "<script>", "HDFC0001234", "000123456789", null);
        refused("INVALID_DESTINATION", "BANK_ACCOUNT", "Bob Das", "HDFC0001234", "000123456789", "bob@okhdfc");
        refused("INVALID_VPA", "VPA", null, null, null, "bob@");
        refused("INVALID_VPA", "VPA", null, null, null, "b@okhdfc");
        refused("INVALID_VPA", "VPA", null, null, null, "bob@ok1hdfc");
        refused("INVALID_VPA", "VPA", null, null, null, "x".repeat(65) + "@okhdfc");
        refused("INVALID_DESTINATION", "VPA", null, "HDFC0001234", null, "bob@okhdfc");
        refused("INVALID_DESTINATION_TYPE", "CASH", null, null, null, null);
        refused("INVALID_DESTINATION_TYPE", null, null, null, null, null);
    }

    @Test
    void shouldNameTheSameDetailsOfTheSameUserWithTheSameId() {
        final PaymentProvider.Destination upi = PayoutDestinations.check("VPA", null, null, null, "bob@okhdfc");

        assertThat(PayoutDestinations.idOf("u-1", upi)).matches(PayoutDestinations.ID.pattern())
                .isEqualTo(PayoutDestinations.idOf("u-1", PayoutDestinations.check("VPA", null, null, null, "BOB@okhdfc")))
                .isNotEqualTo(PayoutDestinations.idOf("u-2", upi));
    }

    private static void refused(final String code, final String type, final String holder, final String ifsc, final String number,
            final String vpa) {
        assertThatThrownBy(() -> PayoutDestinations.check(type, holder, ifsc, number, vpa)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status().value()).isEqualTo(400);
                });
    }
}
