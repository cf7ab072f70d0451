package io.bourse.notifications.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.testing.Seeded;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "123456750 | ₹12,34,567.50",
        "0 | ₹0.00",
        "5 | ₹0.05",
        "99 | ₹0.99",
        "100 | ₹1.00",
        "99999 | ₹999.99",
        "100000 | ₹1,000.00",
        "1000000000 | ₹1,00,00,000.00",
        "-1 | -₹0.01",
        "-123400 | -₹1,234.00",
        "-123456750 | -₹12,34,567.50",
        "9223372036854775807 | ₹92,23,37,20,36,85,47,758.07",
        "-9223372036854775808 | -₹92,23,37,20,36,85,47,758.08",
    })
    void shouldFormatPaiseAsRupeesWithIndianGrouping(final long paise, final String expected) {
        assertThat(MoneyFormat.rupees(paise)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0", "7 | 7", "999 | 999", "1000 | 1,000", "100000 | 1,00,000", "12345678 | 1,23,45,678", "-1500 | -1,500",
        "-9223372036854775808 | -92,23,37,20,36,85,47,75,808",
    })
    void shouldFormatQuantitiesAsGroupedIntegers(final long shares, final String expected) {
        assertThat(MoneyFormat.quantity(shares)).isEqualTo(expected);
    }

    @Test
    void shouldKeepTheExactAmountForAnyPaise() {
        Seeded.check(2_000, Seeded.longs(), paise -> {
            final String text = MoneyFormat.rupees(paise);
            final BigDecimal back = new BigDecimal(text.replace("₹", "").replace(",", ""));

            assertThat(back).isEqualTo(BigDecimal.valueOf(paise, 2));
            assertThat(text).matches("-?₹((\\d{1,2},)?(\\d{2},)*\\d{3}|\\d{1,3})\\.\\d{2}");
        });
    }
}
