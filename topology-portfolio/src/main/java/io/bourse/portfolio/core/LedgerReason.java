package io.bourse.portfolio.core;

/** Why a balance changed; names match the Avro {@code LedgerReason}. */
public enum LedgerReason {
    DEPOSIT,
    WITHDRAWAL_RESERVE,
    WITHDRAWAL_PAYOUT,
    WITHDRAWAL_RELEASE,
    ORDER_RESERVE,
    ORDER_RELEASE,
    AMEND_RESERVE,
    TRADE_SETTLEMENT,
    TRADE_FEE,
    FEE_INCOME,
    SHARE_TRANSFER_IN
}
