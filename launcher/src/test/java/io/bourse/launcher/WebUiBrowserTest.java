package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.edge.BourseNode;
import io.bourse.edge.Http;
import io.bourse.edge.TestData;
import io.bourse.launcher.sim.ExchangeSeeder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web UI in a real browser: Debian's headless Chromium, driven through its own chromedriver,
 * against a whole node with the market simulator on. A trader signs in, watches the market fill in,
 * opens a symbol, rests a far-away limit order through the ticket, cancels it, and sees the
 * exchange's problem code for an off-tick price. A new trader deposits through the sandbox's checkout
 * page, adds payout destinations and follows a withdrawal to paid through the sandbox's payout page;
 * the notification bell counts what is unread and the demo's mail outbox shows the e-mails of the
 * launcher's in-process mail server. Nothing is downloaded: the browser and driver are
 * the system's ({@code .ci/run} installs them), and a missing browser fails the test.
 */
@SpringBootTest(classes = {BourseNode.class, DemoExchange.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
@Tag("broker")
@Tag("browser")
class WebUiBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "browser-test");
    private static final Path DATA = TestData.directory("bourse-ui-e2e");
    private static final Duration MARKET_UP = Duration.ofSeconds(150);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(15);
    /** Far below anything the simulator trades (it keeps RELIANCE within ±10% of ₹2,450) yet inside the ±20% band. */
    private static final String FAR_BID = "2100.00";

    /** On a failure, what the browser showed: a screenshot, the page's DOM and its console. */
    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(final ExtensionContext context, final Throwable cause) {
            final String name = context.getRequiredTestMethod().getName();
            try {
                screenshot(name + "-failed.png");
                Files.writeString(SCREENSHOTS.resolve(name + "-failed.html"), browser.getPageSource());
                Files.write(SCREENSHOTS.resolve(name + "-console.txt"), browser.manage().logs().get(LogType.BROWSER).getAll()
                        .stream().map(LogEntry::toString).toList());
            } catch (final IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    };

    @LocalServerPort
    int port;
    private WebDriver browser;
    private Path profile;

    @DynamicPropertySource
    static void properties(final DynamicPropertyRegistry registry) {
        registry.add("bourse.data-dir", DATA::toString);
        registry.add("bourse.kafka.embedded-kafka-port", () -> 0);
        registry.add("bourse.kafka.embedded-registry-port", () -> 0);
        registry.add("bourse.simulator.enabled", () -> true);
        registry.add("bourse.security.jwt-secret", () -> "a-browser-test-secret-of-at-least-32-bytes");
        // Short-lived access tokens, so the page has to refresh them while the test runs.
        registry.add("bourse.security.access-token-ttl", () -> ACCESS_TOKEN_TTL.toString());
    }

    @BeforeAll
    void startBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver; .ci/run does)").isExecutable();
        // With the driver named, Selenium Manager is never asked to find or fetch one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = TestData.directory("bourse-ui-chromium");
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1400", "--lang=en-IN");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void shouldSignInWatchTheMarketPlaceAndCancelAnOrderAndShowAProblemCode() throws IOException {
        browser.get("http://localhost:" + port + "/");

        // Market watch: all eight instruments, each with a live last price from its ticker channel.
        waitUpTo(MARKET_UP).until(d -> d.findElements(By.cssSelector("#watchlist tbody tr[data-live='true']")).size()
                == ExchangeSeeder.INSTRUMENTS.size());
        assertThat(browser.findElement(By.cssSelector("#connection")).getText()).isEqualTo("Live");

        signIn(ExchangeSeeder.DEMO_EMAIL, ExchangeSeeder.DEMO_PASSWORD);
        waitUpTo(STEP).until(ExpectedConditions.visibilityOfElementLocated(By.id("ticket-panel")));
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("kyc-status"), "Approved"));
        // ₹10 lakh seeded, shown in Indian grouping.
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-available"), "₹10,00,000.00"));

        // Open a symbol: header, depth from the book channel, trades on the tape, candles on the chart.
        browser.findElement(By.cssSelector("#watchlist tr[data-symbol='RELIANCE'] button")).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("symbol-name"), "RELIANCE"));
        waitUpTo(STEP).until(d -> !d.findElements(By.cssSelector("#depth tbody.bids tr")).isEmpty()
                && !d.findElements(By.cssSelector("#depth tbody.asks tr")).isEmpty());
        waitUpTo(STEP).until(d -> !d.findElements(By.cssSelector("#tape tbody tr")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#chart canvas")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("ticket-submit")).getText()).isEqualTo("Buy RELIANCE");

        // A limit bid far below the market rests in the book and shows among the open orders.
        final String orderId = placeLimitBuy(FAR_BID, "1");
        final By openRow = By.cssSelector("#open-orders tr[data-order-id='" + orderId + "']");
        // Panels re-render on every private event, so elements are found afresh inside each wait.
        waitUpTo(STEP).until(d -> d.findElements(openRow).stream().anyMatch(row -> row.getText().contains("RELIANCE")
                && row.getText().contains("BUY") && row.getText().contains("2,100.00")));
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-reserved"), "₹2,100.63"));

        // Cancel it: it leaves the open orders and the recent orders say so.
        waitUpTo(STEP).until(d -> {
            d.findElement(openRow).findElement(By.cssSelector("button.cancel")).click();
            return true;
        });
        waitUpTo(STEP).until(ExpectedConditions.numberOfElementsToBe(openRow, 0));
        waitUpTo(STEP).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#recent-orders tr[data-order-id='" + orderId + "']"), "CANCELLED"));
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-reserved"), "₹0.00"));

        // An off-tick price (tick ₹0.05) comes back as a problem whose code the ticket shows.
        final WebElement ticket = browser.findElement(By.id("ticket"));
        ticket.findElement(By.name("price")).clear();
        ticket.findElement(By.name("price")).sendKeys("2100.03");
        browser.findElement(By.id("ticket-submit")).click();
        final WebElement code = waitUpTo(STEP).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#ticket-result [data-problem-code]")));
        assertThat(code.getText()).isEqualTo("INVALID_PRICE_TICK");
        assertThat(browser.findElement(By.id("ticket-result")).getText()).contains("tick size 0.05");
        assertThat(browser.findElement(By.cssSelector("#ticket-result [role=alert]")).isDisplayed()).isTrue();

        screenshot("trader-terminal.png");
        assertThat(scriptErrors()).as("errors in the browser console").isEmpty();
    }

    @Test
    @Order(2)
    void shouldRegisterSubmitKycDepositAndBeApprovedByTheAdmin() throws IOException {
        signOut();
        browser.findElement(By.id("tab-register")).click();
        final WebElement register = browser.findElement(By.id("register-form"));
        register.findElement(By.name("displayName")).sendKeys("Asha Rao");
        register.findElement(By.name("email")).sendKeys("asha@example.com");
        register.findElement(By.name("password")).sendKeys("correct-horse-9");
        register.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("kyc-status"), "Not submitted"));

        final WebElement kyc = browser.findElement(By.id("kyc-form"));
        kyc.findElement(By.name("legalName")).sendKeys("Asha Rao");
        // A date input's typing order follows the browser's locale; the value itself is ISO everywhere.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '1990-04-01'", kyc.findElement(By.name("dateOfBirth")));
        kyc.findElement(By.name("pan")).sendKeys("abcde1234f");
        kyc.findElement(By.name("address")).sendKeys("Koramangala, Bengaluru");
        kyc.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("kyc-status"), "Pending review"));
        assertThat(kyc.isDisplayed()).isFalse();

        // The deposit goes through the sandbox's checkout page; only its signed webhook, reconciled, credits the cash.
        final By deposits = By.cssSelector("#payments tr[data-kind='DEPOSIT']");
        assertThat(browser.findElements(deposits)).isEmpty();
        depositThroughCheckout("125000.50");
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-available"), "₹1,25,000.50"));
        waitUpTo(STEP).until(d -> d.findElements(deposits).size() == 1 && d.findElement(deposits).getText().contains("₹1,25,000.50")
                && "CREDITED".equals(d.findElement(deposits).getAttribute("data-status")));
        assertThat(browser.findElement(deposits).getText()).contains("Credited");

        signOut();
        signIn(ExchangeSeeder.ADMIN_EMAIL, ExchangeSeeder.ADMIN_PASSWORD);
        final By pending = By.xpath("//table[@id='kyc-pending']//tr[td[text()='asha@example.com']]");
        waitUpTo(STEP).until(ExpectedConditions.textToBePresentInElementLocated(pending, "XXXXX1234F"));
        assertThat(browser.findElement(pending).getText()).contains("Asha Rao");
        assertThat(browser.findElement(By.id("ticket-panel")).isDisplayed()).as("an admin does not trade").isFalse();
        screenshot("admin-kyc-review.png");
        browser.findElement(pending).findElement(By.cssSelector("button.approve")).click();
        waitUpTo(STEP).until(ExpectedConditions.numberOfElementsToBe(pending, 0));
        assertThat(browser.findElement(By.id("admin-result")).getText()).contains("asha@example.com", "APPROVED");

        signOut();
        signIn("asha@example.com", "correct-horse-9");
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("kyc-status"), "Approved"));
        assertThat(browser.findElement(By.id("admin-panel")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("ticket-panel")).isDisplayed()).isTrue();
        assertThat(scriptErrors()).as("errors in the browser console").isEmpty();
    }

    @Test
    @Order(3)
    void shouldKeepTheDepthBookInSequenceAndShowRupeesInIndianGrouping() {
        // The page's own modules, run in the page: what a live feed only rarely shows (early deltas, gaps).
        final Object outcome = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/app/book.js'), import('/app/format.js')]).then(([{ DepthBook }, f]) => {
                  const book = new DepthBook();
                  const steps = [
                    book.apply({ type: 'delta', sequence: 6, levels: [['BUY', '100.00', 7]] }),
                    book.apply({ type: 'snapshot', sequence: 5, bids: [['100.00', 3]], asks: [['101.00', 4]] }),
                    book.apply({ type: 'delta', sequence: 6, levels: [['BUY', '100.00', 9]] }),
                    book.apply({ type: 'delta', sequence: 7, levels: [['SELL', '101.00', 0], ['SELL', '102.00', 5]] }),
                    book.apply({ type: 'delta', sequence: 9, levels: [] }),
                    book.apply({ type: 'snapshot', sequence: -1, bids: [], asks: [] }),
                  ];
                  const fresh = new DepthBook();
                  fresh.apply({ type: 'snapshot', sequence: 0, bids: [], asks: [] });
                  done({
                    steps: steps.join(','),
                    top: JSON.stringify(fresh.apply({ type: 'delta', sequence: 1, levels: [['BUY', '99.95', 1], ['BUY', '100.05', 2]] })
                        && fresh.top(5)),
                    money: [f.inr('123456789.5'), f.inr('-1234.05', { signed: true }), f.inr('0.00', { signed: true }),
                        f.price('999'), f.qty(100000), f.percent('-0.25'), f.inr(null)].join(' | '),
                  });
                }).catch(e => done({ error: String(e) }));
                """);
        assertThat(outcome).isEqualTo(Map.of(
                "steps", "early,snapshot,stale,applied,gap,unavailable",
                "top", "{\"bids\":[[\"100.05\",2],[\"99.95\",1]],\"asks\":[]}",
                "money", "₹12,34,56,789.50 | −₹1,234.05 | ₹0.00 | 999.00 | 1,00,000 | −0.25% | —"));
    }

    @Test
    @Order(4)
    void shouldRefreshTheAccessTokenBeforeItExpiresAndKeepWorking() {
        final String first = accessToken();
        assertThat(first).isNotNull();
        waitUpTo(ACCESS_TOKEN_TTL).until(d -> !first.equals(accessToken()));
        // The new token works for REST, and the stream still delivers this user's balance events.
        depositThroughCheckout("10.00");
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-available"), "₹1,25,010.50"));
    }

    @Test
    @Order(5)
    void shouldFollowTheInstrumentCatalogueWhileThePageStaysOpen() {
        final Http http = new Http(port);
        final String admin = http.post("/api/v1/auth/login", Map.of("email", ExchangeSeeder.ADMIN_EMAIL,
                "password", ExchangeSeeder.ADMIN_PASSWORD), null).body().path("accessToken").asString();
        final By haltBadge = By.cssSelector("#watchlist tr[data-symbol='LT'] .badge");
        assertThat(browser.findElements(haltBadge)).isEmpty();

        assertThat(http.post("/api/v1/admin/instruments/LT/halt", Map.of(), admin).status()).isEqualTo(202);
        waitUpTo(STEP).until(ExpectedConditions.textToBe(haltBadge, "HALTED"));

        assertThat(http.post("/api/v1/admin/instruments/LT/resume", Map.of(), admin).status()).isEqualTo(202);
        waitUpTo(STEP).until(d -> d.findElements(haltBadge).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#watchlist tr[data-symbol='LT']")).getAttribute("data-live"))
                .as("the rows drawn again keep their last prices").isEqualTo("true");
    }

    @Test
    @Order(6)
    void shouldKeepTheTraderSignedInAcrossAReload() {
        final String balance = browser.findElement(By.id("cash-available")).getText();

        browser.navigate().refresh();

        waitUpTo(STEP).until(ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-available"), balance));
        assertThat(browser.findElement(By.id("login-form")).isDisplayed()).isFalse();
    }

    @Test
    @Order(7)
    void shouldAddAPayoutDestinationAndFollowAWithdrawalUntilItIsPaid() throws IOException {
        final WebElement form = browser.findElement(By.id("destination-form"));
        new Select(form.findElement(By.name("type"))).selectByValue("BANK_ACCOUNT");
        form.findElement(By.name("accountHolderName")).sendKeys("Asha Rao");
        form.findElement(By.name("ifsc")).sendKeys("hdfc1001234");
        form.findElement(By.name("accountNumber")).sendKeys("000123456789");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // The API's own check, shown with its stable code: the fifth character of an IFSC is a zero.
        final WebElement code = waitUpTo(STEP).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#payments-result [data-problem-code]")));
        assertThat(code.getText()).isEqualTo("INVALID_IFSC");
        assertThat(browser.findElements(By.cssSelector("#destinations li[data-destination-id]"))).isEmpty();

        form.findElement(By.name("ifsc")).clear();
        form.findElement(By.name("ifsc")).sendKeys("hdfc0001234");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        final By destination = By.cssSelector("#destinations li[data-destination-id]");
        waitUpTo(STEP).until(ExpectedConditions.textToBePresentInElementLocated(destination, "HDFC0001234 · ••••6789"));
        assertThat(browser.findElement(destination).getText()).doesNotContain("000123456789");

        // A UPI destination as well; the withdrawal picks the bank account.
        new Select(form.findElement(By.name("type"))).selectByValue("VPA");
        assertThat(form.findElement(By.name("ifsc")).isDisplayed()).isFalse();
        form.findElement(By.name("vpa")).sendKeys("asha@okhdfc");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(STEP).until(ExpectedConditions.numberOfElementsToBe(destination, 2));
        final String bankAccount = browser.findElement(destination).getAttribute("data-destination-id");

        final WebElement withdraw = browser.findElement(By.id("withdraw-form"));
        new Select(withdraw.findElement(By.name("destinationId"))).selectByValue(bankAccount);
        // Above the balance: the portfolio's refusal, with its code, and nothing reserved.
        withdraw.findElement(By.name("amount")).sendKeys("9999999.00");
        withdraw.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.cssSelector("#payments-result [data-problem-code]"), "INSUFFICIENT_FUNDS"));
        assertThat(browser.findElement(By.id("cash-reserved")).getText()).isEqualTo("₹0.00");

        withdraw.findElement(By.name("amount")).clear();
        withdraw.findElement(By.name("amount")).sendKeys("10000.00");
        withdraw.findElement(By.cssSelector("button[type=submit]")).click();

        // Reserved while RazorpayX (the sandbox's payout page) has it; paid out once its signed webhook reconciles.
        final By withdrawal = By.cssSelector("#payments tr[data-kind='WITHDRAWAL']");
        waitUpTo(STEP).until(d -> !d.findElements(withdrawal).isEmpty()
                && "PROCESSING".equals(d.findElement(withdrawal).getAttribute("data-status")));
        assertThat(browser.findElement(withdrawal).getText()).contains("₹10,000.00", "Processing", "••••6789");
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-reserved"), "₹10,000.00"));
        screenshot("payments-processing.png");

        onTheSandboxPage(By.id("payout-link"), "Mark processed");
        waitUpTo(STEP).until(d -> "PAID".equals(d.findElement(withdrawal).getAttribute("data-status")));
        assertThat(browser.findElement(withdrawal).getText()).contains("Paid");
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-available"), "₹1,15,010.50"));
        waitUpTo(STEP).until(ExpectedConditions.textToBe(By.id("cash-reserved"), "₹0.00"));
        assertThat(browser.findElements(By.cssSelector("#payments tr[data-kind='DEPOSIT'][data-status='CREDITED']"))).hasSize(2);
        screenshot("payments-paid.png");

        // The list is paged: with five rows a page, two deposits started and left unpaid make a second page.
        new Select(browser.findElement(By.id("payments-size"))).selectByValue("5");
        final By rows = By.cssSelector("#payments tbody tr[data-payment-id]");
        final By range = By.id("payments-range");
        waitUpTo(STEP).until(ExpectedConditions.textToBe(range, "1–4 of 4"));
        assertThat(browser.findElement(By.id("payments-next")).isEnabled()).isFalse();
        final WebElement deposit = browser.findElement(By.id("deposit-form"));
        for (final String total : List.of("5", "6")) {
            deposit.findElement(By.name("amount")).sendKeys("1.00");
            deposit.findElement(By.cssSelector("button[type=submit]")).click();
            waitUpTo(STEP).until(ExpectedConditions.textToBe(range, "1–5 of " + total));
        }
        final List<String> firstPage = browser.findElements(rows).stream().map(r -> r.getAttribute("data-payment-id")).toList();
        assertThat(firstPage).hasSize(5);
        assertThat(browser.findElement(By.id("payments-prev")).isEnabled()).isFalse();
        browser.findElement(By.id("payments-next")).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBe(range, "6–6 of 6"));
        // Newest first: the last page holds the first deposit, and no row of the first page.
        assertThat(browser.findElements(rows)).singleElement().satisfies(row -> {
            assertThat(row.getText()).contains("₹1,25,000.50");
            assertThat(firstPage).doesNotContain(row.getAttribute("data-payment-id"));
        });
        assertThat(browser.findElement(By.id("payments-next")).isEnabled()).isFalse();
        browser.findElement(By.id("payments-prev")).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBe(range, "1–5 of 6"));
        assertThat(browser.findElements(rows).stream().map(r -> r.getAttribute("data-payment-id")).toList()).isEqualTo(firstPage);
        assertThat(browser.findElements(By.cssSelector("#payments tr[data-kind='DEPOSIT'][data-status='OPEN']"))).hasSize(2);
        assertThat(scriptErrors()).as("errors in the browser console").isEmpty();

        // The operator sees the refused withdrawal, with its reason, in the admin panel.
        signOut();
        signIn(ExchangeSeeder.ADMIN_EMAIL, ExchangeSeeder.ADMIN_PASSWORD);
        final By refused = By.cssSelector("#payment-refusals tr[data-reason='INSUFFICIENT_FUNDS']");
        waitUpTo(STEP).until(ExpectedConditions.textToBePresentInElementLocated(refused, "₹99,99,999.00"));
        assertThat(browser.findElement(refused).getText()).contains("WITHDRAWAL_REFUSED");
        screenshot("admin-payment-refusals.png");
    }

    @Test
    @Order(8)
    void shouldCountUnreadNotificationsInTheBellMarkThemReadAndShowTheDepositEmailInTheMailOutbox() throws IOException {
        signOut();
        signIn("asha@example.com", "correct-horse-9");
        // Her welcome, KYC approval, deposits and withdrawals are in her inbox, unread.
        final By count = By.id("bell-count");
        waitUpTo(STEP).until(ExpectedConditions.visibilityOfElementLocated(count));
        final int before = shownCount();
        assertThat(before).isGreaterThanOrEqualTo(3);

        // A new deposit's in-app notification arrives over the stream: the count goes up without a reload.
        depositThroughCheckout("5.25");
        waitUpTo(STEP).until(d -> shownCount() > before);

        // Opened, the bell lists it; a click marks it read, here at once and on the server a moment later.
        browser.findElement(By.id("bell-button")).click();
        final By newest = By.xpath("//ul[@id='bell-list']//button[@data-read='false'][contains(., '₹5.25')]");
        waitUpTo(STEP).until(ExpectedConditions.elementToBeClickable(newest));
        final int unread = shownCount();
        browser.findElement(newest).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBe(count, Integer.toString(unread - 1)));
        waitUpTo(STEP).until(d -> d.findElement(By.xpath("//ul[@id='bell-list']//button[contains(., '₹5.25')]"))
                .getAttribute("data-read").equals("true"));
        final Http http = new Http(port);
        waitUpTo(STEP).until(d -> http.get("/api/v1/notifications", accessToken()).body().path("unread").asInt() == unread - 1);
        screenshot("notification-bell.png");
        browser.findElement(By.id("bell-button")).click();
        assertThat(browser.findElement(By.id("bell-menu")).isDisplayed()).isFalse();

        // The embedded mail server received the deposit e-mails; the outbox shows Asha hers, and only hers.
        waitUpTo(STEP).until(ExpectedConditions.elementToBeClickable(By.id("mail-open"))).click();
        final By depositMail = By.xpath("//table[@id='mail-list']//tr[td[contains(., 'asha@example.com')]]"
                + "//button[text()='Deposit credited: ₹1,25,000.50']");
        waitUpTo(STEP).until(ExpectedConditions.elementToBeClickable(depositMail)).click();
        waitUpTo(STEP).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#mail-message pre"),
                "₹1,25,000.50 is credited to your Bourse account"));
        // The one made a moment ago too: the bots' notifications are off, so nothing queues ahead of hers.
        waitUpTo(STEP).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='mail-list']//button[text()='Deposit credited: ₹5.25']")));
        // The list is drawn again every few seconds, so its rows are read afresh inside a wait.
        waitUpTo(STEP).until(d -> d.findElements(By.cssSelector("#mail-list tbody tr")).stream()
                .allMatch(row -> row.getText().contains("asha@example.com")));
        screenshot("mail-outbox.png");
        browser.findElement(By.id("mail-close")).click();
        assertThat(browser.findElement(By.id("mail-outbox")).isDisplayed()).isFalse();
        assertThat(scriptErrors()).as("errors in the browser console").isEmpty();
    }

    /** The bell's unread count as shown; 0 while it is hidden. */
    private int shownCount() {
        final WebElement count = browser.findElement(By.id("bell-count"));
        return count.isDisplayed() ? Integer.parseInt(count.getText()) : 0;
    }

    /** Starts a deposit from the account card and pays it on the sandbox's checkout page, opened from the card's link. */
    private void depositThroughCheckout(final String amount) {
        final WebElement deposit = browser.findElement(By.id("deposit-form"));
        deposit.findElement(By.name("amount")).sendKeys(amount);
        deposit.findElement(By.cssSelector("button[type=submit]")).click();
        onTheSandboxPage(By.id("checkout-link"), "Pay ₹");
    }

    /**
     * Follows {@code link} to the sandbox provider's page in a new tab, presses the button whose text starts with
     * {@code button}, and comes back to the terminal. The page knows an order (or a payout) once the portfolio (or
     * the payout dispatcher) has recorded it, so it is loaded again until the button is there.
     */
    private void onTheSandboxPage(final By link, final String button) {
        final String terminal = browser.getWindowHandle();
        final Set<String> before = browser.getWindowHandles();
        waitUpTo(STEP).until(ExpectedConditions.elementToBeClickable(link)).click();
        final String page = waitUpTo(STEP).until(d -> d.getWindowHandles().stream().filter(w -> !before.contains(w)).findFirst()
                .orElse(null));
        browser.switchTo().window(page);
        try {
            final By press = By.xpath("//button[starts-with(normalize-space(), '" + button + "')]");
            waitUpTo(STEP).until(d -> {
                if (d.findElements(press).isEmpty()) {
                    d.navigate().refresh();
                    return null;
                }
                return d.findElement(press);
            }).click();
            waitUpTo(STEP).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "The exchange"));
        } finally {
            browser.close();
            browser.switchTo().window(terminal);
        }
    }

    private String accessToken() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return JSON.parse(sessionStorage.getItem('bourse.session'))?.accessToken ?? null");
    }

    private void signIn(final String email, final String password) {
        final WebElement login = browser.findElement(By.id("login-form"));
        login.findElement(By.name("email")).sendKeys(email);
        login.findElement(By.name("password")).sendKeys(password);
        login.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(STEP).until(ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
    }

    private void signOut() {
        browser.findElement(By.id("logout")).click();
        waitUpTo(STEP).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    }

    private void screenshot(final String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        final File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Fills the ticket for a limit buy of RELIANCE and returns the order id it reports. */
    private String placeLimitBuy(final String price, final String quantity) {
        final WebElement ticket = browser.findElement(By.id("ticket"));
        browser.findElement(By.cssSelector("label[for='side-buy']")).click();
        new Select(ticket.findElement(By.name("type"))).selectByValue("LIMIT");
        new Select(ticket.findElement(By.name("timeInForce"))).selectByValue("GTC");
        ticket.findElement(By.name("price")).clear();
        ticket.findElement(By.name("price")).sendKeys(price);
        ticket.findElement(By.name("quantity")).clear();
        ticket.findElement(By.name("quantity")).sendKeys(quantity);
        browser.findElement(By.id("ticket-submit")).click();
        // On a slow machine the verdict may come after the edge's wait (202): the ticket then shows it when it arrives.
        waitUpTo(STEP).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#ticket-result [data-order-id]"), "resting"));
        return browser.findElement(By.cssSelector("#ticket-result [data-order-id]")).getAttribute("data-order-id");
    }

    /**
     * Console errors, less the browser's own notes of API answers the UI handles: problems (4xx) the
     * test provokes, and 503 while state restores, which the UI retries.
     */
    private List<String> scriptErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.matches("(?s).*/api/v1/.* the server responded with a status of (4\\d\\d|503) .*"))
                .toList();
    }

    /** An explicit wait that looks again when the page re-rendered an element it had found. */
    private FluentWait<WebDriver> waitUpTo(final Duration timeout) {
        return new WebDriverWait(browser, timeout).ignoring(StaleElementReferenceException.class);
    }
}
