package io.bourse.tools.load;

import io.bourse.avro.common.Side;
import io.bourse.avro.common.TimeInForce;
import java.util.List;

/** How the load generator reaches the exchange: straight into Kafka, or through the REST API. */
interface OrderGateway extends AutoCloseable {

    /** The symbol every generated order trades; liquid and cheap, so funds never run out. */
    String SYMBOL = "ITC";

    /** Registers (or signs in) funded, KYC-approved traders holding {@link #SYMBOL}; returns their user ids. */
    List<String> setUp() throws Exception;

    /**
     * Offers a limit order. {@code answer} receives the exchange's order id once known (at once for
     * Kafka; from the HTTP answer for REST, {@code null} when the order was refused).
     */
    void place(String user, String clientOrderId, Side side, TimeInForce timeInForce, long pricePaise, long quantity,
            Answer answer);

    /** The id the exchange gives the order {@code user} places with {@code clientOrderId}. */
    String orderIdFor(String user, String clientOrderId);

    /** The exchange's id for a placed order, and how long the answer took (-1 when there is no answer to time). */
    @FunctionalInterface
    interface Answer {
        void accept(String orderId, long answerMicros);
    }

    /** Asks to cancel {@code orderId}; it may have filled in the meantime, which is not an error. */
    void cancel(String user, String orderId);

    /** Sends whatever is still buffered. */
    void flush();

    /** Requests sent and not answered yet (always 0 for Kafka, where the answer is the event). */
    long pending();

    /** Places sent so far that failed and so will never have a verdict (always 0 for Kafka). */
    default long failedPlaces() {
        return 0;
    }
}
