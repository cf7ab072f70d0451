package io.bourse.portfolio.topology;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the payment topology tests share: the wired exchange on its own state directory, with
 * two KYC-approved traders, Alice and Carol, and nothing else; closed after each test.
 */
abstract class PaymentTopologyFixture {

    @TempDir
    Path stateDir;

    WiredExchange x;
    String alice;
    String carol;

    @BeforeEach
    void wireTheExchangeWithTwoTraders() {
        x = new WiredExchange(stateDir, PortfolioConfig.DEFAULTS);
        alice = x.trader("alice@example.com");
        carol = x.trader("carol@example.com");
    }

    @AfterEach
    void closeTheExchange() {
        x.close();
    }
}
