package io.bourse.marketdata.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreKeysTest {

    @Test
    void shouldOrderKeysNumericallyWithinASymbol() {
        assertThat(StoreKeys.minute("M&M", 28_512_345)).isEqualTo("M&M|000028512345");
        assertThat(StoreKeys.minute("TCS", 9)).isLessThan(StoreKeys.minute("TCS", 10));
        assertThat(StoreKeys.minute("TCS", 999)).isLessThan(StoreKeys.lastMinute("TCS"));
        assertThat(StoreKeys.slot("TCS", 42)).isEqualTo("TCS|0042");
    }

    @Test
    void shouldKeepAnotherSymbolSharingThePrefixOutOfTheRange() {
        final String otherSymbol = StoreKeys.minute("TCS|X", 5);

        assertThat(otherSymbol.compareTo(StoreKeys.lastMinute("TCS"))).isPositive();
    }

    @Test
    void shouldRejectNumbersThatDoNotFit() {
        assertThatThrownBy(() -> StoreKeys.minute("TCS", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKeys.slot("TCS", 10_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
