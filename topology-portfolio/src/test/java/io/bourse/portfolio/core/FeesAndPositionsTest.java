package io.bourse.portfolio.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.testing.Seeded;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeesAndPositionsTest {

    @Test
    void shouldChargeRoundingDownAndReserveRoundingUp() {
        assertThat(Fees.charged(2_455_000, 3)).isEqualTo(736);
        assertThat(Fees.reserved(2_455_000, 3)).isEqualTo(737);
        assertThat(Fees.charged(10_000, 3)).isEqualTo(3);
        assertThat(Fees.reserved(10_000, 3)).isEqualTo(3);
        assertThat(Fees.cashToReserve(245_500, 10, 3)).isEqualTo(2_455_737);
        assertThatThrownBy(() -> Fees.cashToReserve(Long.MAX_VALUE / 2, 3, 3)).isInstanceOf(ArithmeticException.class);
    }

    /** Fills (in paise of notional) of one order and the fee rate it pays. */
    private record Fills(List<Long> fills, int basisPoints) {
    }

    @Test
    void feesOfPartialFillsNeverExceedTheReservedFee() {
        final Seeded.Gen<List<Long>> fills = Seeded.lists(Seeded.longs(1, 5_000_000), 1, 20);
        final Seeded.Gen<Integer> basisPoints = Seeded.ints(0, 100);
        Seeded.check(1_000, random -> new Fills(fills.next(random), basisPoints.next(random)), c -> {
            final long total = c.fills().stream().mapToLong(Long::longValue).sum();
            final long charged = c.fills().stream().mapToLong(n -> Fees.charged(n, c.basisPoints())).sum();
            assertThat(charged).isLessThanOrEqualTo(Fees.reserved(total, c.basisPoints()));
        });
    }

    @Test
    void shouldMoveCostBasisAndRealizeProfitOnASale() {
        Position shares = Position.empty("TCS").credit(10, 4_000_000).credit(10, 4_200_000).reserve(5);
        shares = shares.sellReserved(5, 2_150_000);
        assertThat(shares.available()).isEqualTo(15);
        assertThat(shares.reserved()).isZero();
        assertThat(shares.costBasisPaise()).isEqualTo(8_200_000 - 2_050_000);
        assertThat(shares.realizedPnlPaise()).isEqualTo(100_000);
    }

    @Test
    void shouldRefuseToGoNegative() {
        assertThatThrownBy(() -> Position.empty("INR").reserve(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Position.empty("INR").credit(5, 0).spendReserved(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldValidateKycDetailsAndMaskThePan() {
        final LocalDate today = LocalDate.of(2026, 11, 24);
        assertThat(KycRules.problem("Asha Rao", LocalDate.of(2008, 11, 24), "ABCDE1234F", "Pune", today)).isNull();
        assertThat(KycRules.problem("Asha Rao", LocalDate.of(2008, 11, 25), "ABCDE1234F", "Pune", today)).contains("18");
        assertThat(KycRules.problem("Asha Rao", LocalDate.of(1990, 1, 1), "ABCD1234F", "Pune", today)).contains("PAN");
        assertThat(KycRules.problem(" ", LocalDate.of(1990, 1, 1), "ABCDE1234F", "Pune", today)).contains("legal name");
        assertThat(KycRules.problem("Asha", LocalDate.of(1990, 1, 1), "ABCDE1234F", "", today)).contains("address");
        assertThat(KycRules.mask("ABCDE1234F")).isEqualTo("XXXXX1234F");
    }
}
