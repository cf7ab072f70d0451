package io.bourse.portfolio.topology;

/**
 * Settings of the portfolio topology.
 *
 * @param defaultMakerFeeBasisPoints maker fee for instruments that set none
 * @param defaultTakerFeeBasisPoints taker fee for instruments that set none
 * @param acceptSeedDeposits whether {@code SEED_DEPOSIT} commands credit cash: only the embedded default seeds its demo
 *     accounts, so a cluster's portfolio refuses them (recorded as {@code DEPOSIT_REJECTED SEED_NOT_ALLOWED})
 */
public record PortfolioConfig(int defaultMakerFeeBasisPoints, int defaultTakerFeeBasisPoints, boolean acceptSeedDeposits) {

    /** 1 bp maker, 3 bp taker, no seed deposits. */
    public static final PortfolioConfig DEFAULTS = new PortfolioConfig(1, 3);

    /** The given fees, no seed deposits. */
    public PortfolioConfig(final int defaultMakerFeeBasisPoints, final int defaultTakerFeeBasisPoints) {
        this(defaultMakerFeeBasisPoints, defaultTakerFeeBasisPoints, false);
    }

    public PortfolioConfig {
        if (defaultMakerFeeBasisPoints < 0 || defaultTakerFeeBasisPoints < 0 || defaultMakerFeeBasisPoints > 1_000
                || defaultTakerFeeBasisPoints > 1_000) {
            throw new IllegalArgumentException("fees must be between 0 and 1000 basis points");
        }
    }
}
