package io.bourse.launcher.sim;

import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.ApproveKycCommand;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.avro.accounts.SubmitKycCommand;
import io.bourse.avro.common.InstrumentStatus;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.notifications.ChannelSetting;
import io.bourse.avro.notifications.NotificationChannel;
import io.bourse.avro.notifications.NotificationCommand;
import io.bourse.avro.notifications.NotificationCommandType;
import io.bourse.avro.notifications.NotificationKind;
import io.bourse.avro.orders.InstrumentAdminAction;
import io.bourse.avro.orders.InstrumentAdminCommand;
import io.bourse.avro.orders.TransferInSharesCommand;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.edge.infra.CommandPublisher;
import io.bourse.edge.infra.Commands;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.catalogue.UserIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Seeds an exchange through the same command paths a user would: instruments (admin commands),
 * accounts (registration, KYC approval), cash (seed deposits, credited once per user) and shares
 * (transfers with fixed references). Every step is idempotent, so seeding again on every start of
 * the same data changes nothing.
 */
@Component
public class ExchangeSeeder {

    /** The demo logins printed at start-up. */
    public static final String ADMIN_EMAIL = "admin@bourse.local";
    public static final String ADMIN_PASSWORD = "bourse-admin-2026";
    public static final String DEMO_EMAIL = "demo@bourse.local";
    public static final String DEMO_PASSWORD = "demo-trader-2026";

    /** Large-cap NSE names with realistic INR prices; tick ₹0.05, lot 1, band ±20%. */
    public static final List<Instrument> INSTRUMENTS = List.of(
            instrument("RELIANCE", "Reliance Industries", 245_000),
            instrument("TCS", "Tata Consultancy Services", 410_000),
            instrument("INFY", "Infosys", 185_000),
            instrument("HDFCBANK", "HDFC Bank", 165_000),
            instrument("ICICIBANK", "ICICI Bank", 125_000),
            instrument("SBIN", "State Bank of India", 82_000),
            instrument("ITC", "ITC", 47_000),
            instrument("LT", "Larsen & Toubro", 360_000));

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Commands commands;
    private final CommandPublisher publisher;
    private final PasswordEncoder passwords;

    public ExchangeSeeder(final Commands commands, final CommandPublisher publisher, final PasswordEncoder passwords) {
        this.commands = commands;
        this.publisher = publisher;
        this.passwords = passwords;
    }

    public static String adminId() {
        return UserIds.forEmail(ADMIN_EMAIL);
    }

    /** Instruments and the admin account. */
    public void seedExchange() {
        for (final Instrument instrument : INSTRUMENTS) {
            sent(commands.order(adminId(), InstrumentAdminCommand.newBuilder().setAction(InstrumentAdminAction.ADD)
                    .setSymbol(instrument.getSymbol()).setInstrument(instrument).setNote("seed").build()));
        }
        register(ADMIN_EMAIL, ADMIN_PASSWORD, "Exchange admin", AccountRole.ADMIN);
    }

    /** A KYC-approved trader with {@code cashPaise} and {@code shares} of every instrument, idempotently. */
    public String trader(final String email, final String password, final String name, final long cashPaise, final long shares) {
        final String userId = register(email, password, name, AccountRole.TRADER);
        commands.account(userId, SubmitKycCommand.newBuilder().setLegalName(name).setDateOfBirth(LocalDate.of(1990, 1, 1))
                .setPan("ABCDE1234F").setAddress("Bandra Kurla Complex, Mumbai").build(), WAIT);
        checkNotInterrupted();
        commands.account(userId, ApproveKycCommand.newBuilder().setAdminUserId(adminId()).build(), WAIT);
        checkNotInterrupted();
        sent(publisher.send(Topics.PAYMENTS_COMMANDS, userId, PaymentCommand.newBuilder().setCommandId("seed-" + userId)
                .setType(PaymentCommandType.SEED_DEPOSIT).setUserId(userId).setProvider("seed")
                .setIntentId("seed-deposit-" + userId).setAmountPaise(cashPaise).setCurrency("INR")
                .setTimestampMs(Instant.now()).build()));
        for (final Instrument instrument : INSTRUMENTS) {
            sent(commands.order(userId, TransferInSharesCommand.newBuilder().setSymbol(instrument.getSymbol()).setQuantityShares(shares)
                    .setReference("seed-" + instrument.getSymbol())
                    .setCostBasisPaise(shares * instrument.getBasePricePaise()).build()));
        }
        return userId;
    }

    /**
     * Turns every notification of the account {@code email} off, on every channel, idempotently. For
     * the simulator's bots: mailed on every fill, they would fill the demo's mail outbox and keep the
     * dispatcher busy ahead of the people using the exchange. Sent before the account is registered,
     * so that even the welcome usually stays unsent.
     */
    public void quiet(final String email) {
        final String userId = UserIds.forEmail(email);
        final List<ChannelSetting> off = new ArrayList<>();
        for (final NotificationKind kind : NotificationKind.values()) {
            for (final NotificationChannel channel : NotificationChannel.values()) {
                if (kind != NotificationKind.UNSPECIFIED && channel != NotificationChannel.UNSPECIFIED) {
                    off.add(ChannelSetting.newBuilder().setKind(kind).setChannel(channel).setEnabled(false).build());
                }
            }
        }
        sent(publisher.send(Topics.NOTIFICATIONS_COMMANDS, userId, NotificationCommand.newBuilder().setCommandId("seed-quiet-" + userId)
                .setType(NotificationCommandType.UPDATE_PREFERENCES).setUserId(userId).setSettings(off)
                .setTimestampMs(Instant.now()).build()));
    }

    private String register(final String email, final String password, final String name, final AccountRole role) {
        final String userId = UserIds.forEmail(email);
        commands.account(userId, RegisterAccountCommand.newBuilder().setEmail(email).setPasswordHash(passwords.encode(password))
                .setDisplayName(name).setRole(role).build(), WAIT);
        checkNotInterrupted();
        return userId;
    }

    /**
     * Waits, for a bounded time and interruptibly, until {@code send} is written. Seeding runs on its
     * own thread, which the node interrupts when it stops: every wait here must end then.
     */
    private static void sent(final CompletableFuture<?> send) {
        try {
            send.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seeding interrupted", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("a seeding command was not written", e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("a seeding command was not written within " + WAIT, e);
        }
    }

    /** A verdict wait that ended because the thread was interrupted returns empty: stop there. */
    private static void checkNotInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("seeding interrupted");
        }
    }

    private static Instrument instrument(final String symbol, final String name, final long basePricePaise) {
        return Instrument.newBuilder().setSymbol(symbol).setName(name).setIsin(null).setTickSizePaise(5).setLotSizeShares(1)
                .setMinQuantityShares(1).setMaxQuantityShares(100_000).setBasePricePaise(basePricePaise)
                .setPriceBandBasisPoints(2_000).setMakerFeeBasisPoints(null).setTakerFeeBasisPoints(null)
                .setStatus(InstrumentStatus.TRADING).setUpdatedAtMs(Instant.EPOCH).build();
    }
}
