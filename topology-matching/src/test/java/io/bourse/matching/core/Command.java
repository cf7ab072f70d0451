package io.bourse.matching.core;

/** One input to a {@link MatchingEngine}, for tests and benchmarks that generate command streams. */
public sealed interface Command {

    void applyTo(MatchingEngine engine, MatchingListener listener);

    record Place(NewOrder order) implements Command {
        @Override
        public void applyTo(final MatchingEngine engine, final MatchingListener listener) {
            engine.place(order, listener);
        }
    }

    record Cancel(String orderId, String userId) implements Command {
        @Override
        public void applyTo(final MatchingEngine engine, final MatchingListener listener) {
            engine.cancel(orderId, userId, Reason.USER_CANCELLED, listener);
        }
    }

    record Amend(String orderId, String userId, long newPricePaise, long newQuantityShares) implements Command {
        @Override
        public void applyTo(final MatchingEngine engine, final MatchingListener listener) {
            engine.amend(orderId, userId, newPricePaise, newQuantityShares, listener);
        }
    }

    record Halt() implements Command {
        @Override
        public void applyTo(final MatchingEngine engine, final MatchingListener listener) {
            engine.halt(listener);
        }
    }

    record Resume() implements Command {
        @Override
        public void applyTo(final MatchingEngine engine, final MatchingListener listener) {
            engine.resume(listener);
        }
    }

    record CloseSession() implements Command {
        @Override
        public void applyTo(final MatchingEngine engine, final MatchingListener listener) {
            engine.closeSession(listener);
        }
    }
}
