package io.bourse.portfolio.topology;

/**
 * Settings of the portfolio topology.
 *
 * @param defaultMakerFeeBasisPoints maker fee for instruments that set none
 * @param defaultTakerFeeBasisPoints taker fee for instruments that set none
 */
public record PortfolioConfig(int defaultMakerFeeBasisPoints, int defaultTakerFeeBasisPoints) {

    /** 1 bp maker, 3 bp taker. */
    public static final PortfolioConfig DEFAULTS = new PortfolioConfig(1, 3);

    public PortfolioConfig {
        if (defaultMakerFeeBasisPoints < 0 || defaultTakerFeeBasisPoints < 0 || defaultMakerFeeBasisPoints > 1_000
                || defaultTakerFeeBasisPoints > 1_000) {
            throw new IllegalArgumentException("fees must be between 0 and 1000 basis points");
        }
    }
}
