package io.bourse.tools.load;

import io.bourse.avro.accounts.AccountCommand;
import io.bourse.avro.accounts.AccountRole;
import io.bourse.avro.accounts.ApproveKycCommand;
import io.bourse.avro.accounts.RegisterAccountCommand;
import io.bourse.avro.accounts.SubmitKycCommand;
import io.bourse.avro.common.OrderType;
import io.bourse.avro.common.SelfTradePrevention;
import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import io.bourse.avro.orders.CancelOrderCommand;
import io.bourse.avro.orders.OrderCommand;
import io.bourse.avro.orders.PlaceOrderCommand;
import io.bourse.avro.orders.TransferInSharesCommand;
import io.bourse.avro.payments.PaymentCommand;
import io.bourse.avro.payments.PaymentCommandType;
import io.bourse.client.CommandEnvelopes;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.catalogue.UserIds;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.serde.SpecificAvroSerializer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes commands straight into the command topics, as the edge would, so the figures show the
 * Kafka path without HTTP. Traders are set up through the same topics.
 */
final class KafkaGateway implements OrderGateway {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final long seed;
    private final int traders;
    private final String adminEmail;

    KafkaGateway(final LoadOptions options) {
        // The node's client defaults (its socket buffers among them), so the generator's sends fare as the node's do.
        final KafkaEndpoints cluster = options.cluster();
        final SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(cluster.serdeConfig(), false);
        this.producer = new KafkaProducer<>(cluster.clientConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1)),
                new StringSerializer(), values);
        this.seed = options.seed();
        this.traders = options.traders();
        this.adminEmail = options.adminEmail();
    }

    @Override
    public List<String> setUp() throws InterruptedException {
        final List<String> users = new ArrayList<>();
        final String admin = UserIds.forEmail(adminEmail);
        for (int i = 0; i < traders; i++) {
            final String email = traderEmail(i);
            final String user = UserIds.forEmail(email);
            users.add(user);
            send(Topics.ACCOUNTS_COMMANDS, user, account(user, RegisterAccountCommand.newBuilder().setEmail(email)
                    .setPasswordHash("{noop}unused").setDisplayName("Load " + i).setRole(AccountRole.TRADER).build()));
            send(Topics.ACCOUNTS_COMMANDS, user, account(user, SubmitKycCommand.newBuilder().setLegalName("Load " + i)
                    .setDateOfBirth(LocalDate.of(1990, 1, 1)).setPan("ABCDE1234F").setAddress("Mumbai").build()));
            send(Topics.ACCOUNTS_COMMANDS, user, account(user, ApproveKycCommand.newBuilder().setAdminUserId(admin).build()));
            // A seed deposit: credited by the embedded node (or one that allows demo accounts), never on a real cluster.
            send(Topics.PAYMENTS_COMMANDS, user, PaymentCommand.newBuilder().setCommandId("load-" + user + "-" + seed)
                    .setType(PaymentCommandType.SEED_DEPOSIT).setUserId(user).setProvider("seed")
                    .setIntentId("load-" + seed + "-" + user).setAmountPaise(1_000_000_000_000L)
                    .setTimestampMs(Instant.now()).build());
            send(Topics.ORDERS_COMMANDS, user, order(user, TransferInSharesCommand.newBuilder().setSymbol(SYMBOL)
                    .setQuantityShares(10_000_000).setReference("load-" + seed).build()));
        }
        producer.flush();
        // Registration, deposit and transfer travel on different topics; deposits and transfers are
        // credited even when they overtake the registration, and the KYC approval follows it on its topic.
        Thread.sleep(5_000);
        return users;
    }

    /** The e-mail address of the generator's trader number {@code i}; its user id follows from it ({@link UserIds}). */
    static String traderEmail(final int i) {
        return "load" + i + "@loadgen.bourse.local";
    }

    @Override
    public void place(final String user, final String clientOrderId, final Side side, final TimeInForce timeInForce,
            final long pricePaise, final long quantity, final Answer answer) {
        send(Topics.ORDERS_COMMANDS, user, order(user, PlaceOrderCommand.newBuilder().setOrderId(clientOrderId)
                .setClientOrderId(clientOrderId).setSymbol(SYMBOL).setSide(side).setOrderType(OrderType.LIMIT)
                .setTimeInForce(timeInForce).setLimitPricePaise(pricePaise).setQuantityShares(quantity).setPostOnly(false)
                .setSelfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).build()));
        answer.accept(clientOrderId, -1);
    }

    /** Commands written straight into Kafka carry the generator's own order id. */
    @Override
    public String orderIdFor(final String user, final String clientOrderId) {
        return clientOrderId;
    }

    @Override
    public void cancel(final String user, final String orderId) {
        send(Topics.ORDERS_COMMANDS, user, order(user, CancelOrderCommand.newBuilder().setOrderId(orderId).build()));
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public long pending() {
        return 0;
    }

    @Override
    public void close() {
        producer.close();
    }

    private <V extends SpecificRecord> void send(final Topic<V> topic, final String key, final V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value));
    }

    private static AccountCommand account(final String user, final Object payload) {
        return CommandEnvelopes.accountCommand(user, payload, Instant.now());
    }

    private static OrderCommand order(final String user, final Object payload) {
        return CommandEnvelopes.orderCommand(user, null, payload, Instant.now());
    }
}
