package io.bourse.edge.ws;

import io.bourse.avro.ledger.LedgerEntry;
import io.bourse.avro.market.Candle;
import io.bourse.avro.market.Ticker;
import io.bourse.avro.matching.BookUpdate;
import io.bourse.avro.matching.Trade;
import io.bourse.avro.orders.OrderEventType;
import io.bourse.edge.api.Money;
import io.bourse.edge.api.Views;
import io.bourse.edge.infra.EventHub;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.edge.security.TokenService;
import io.bourse.marketdata.core.DepthSnapshot;
import io.bourse.marketdata.topology.MarketDataQueries;
import io.bourse.marketdata.topology.MarketDataStores;
import io.bourse.schemas.catalogue.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws} protocol, JSON both ways.
 *
 * <p>Client: {@code {"op":"auth","token":"<access token>"}}, {@code {"op":"subscribe","channel":"trades.TCS"}},
 * {@code {"op":"unsubscribe","channel":...}}, {@code {"op":"ping"}}. Server: {@code {"op":"subscribed"|"unsubscribed",
 * "channel":...}}, data as {@code {"channel":...,"data":{...}}}, {@code {"op":"error","code":...,"message":...}},
 * {@code {"op":"pong"}} and a {@code {"op":"heartbeat"}} every 15 seconds.
 *
 * <p>Public channels: {@code trades.<SYMBOL>}, {@code book.<SYMBOL>} (a snapshot with its sequence, then
 * every delta with its sequence: apply deltas with a higher sequence than the snapshot's),
 * {@code candles.<SYMBOL>.<M1|M5|M15|H1|D1>}, {@code ticker.<SYMBOL>}. Private, after auth:
 * {@code orders} (your orders' execution reports as the engine commits them — resting, fills, amends,
 * cancels, expiries, rejections — and the refusals the portfolio decides before the engine),
 * {@code balances} (your balance changes, as settlement makes them: after the execution report) and
 * {@code payments} (your deposits and withdrawals: recorded, credited, refused with a reason, paid out).
 */
@Component
public class StreamHandler extends TextWebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PUBLIC = Pattern.compile("(trades|book|ticker)\\.[A-Z0-9&-]{1,20}|candles\\.[A-Z0-9&-]{1,20}\\.(M1|M5|M15|H1|D1)");
    private static final int MAX_CHANNELS = 100;

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> daemon(r, "bourse-ws-send"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bourse-ws-heartbeat"));
    private final TokenService tokens;
    private final TopologyRunner runner;

    public StreamHandler(final EventHub hub, final TokenService tokens, final TopologyRunner runner) {
        this.tokens = tokens;
        this.runner = runner;
        // Each listener says which keys it wants, so the hub decodes only records someone here follows.
        hub.subscribe(Topics.TRADES_EXECUTED, symbol -> followed("trades." + symbol),
                (symbol, t) -> publish("trades." + symbol, trade(t)));
        hub.subscribe(Topics.BOOK_UPDATES, symbol -> followed("book." + symbol),
                (symbol, u) -> publish("book." + symbol, bookUpdate(u)));
        hub.subscribe(Topics.MARKET_TICKERS, symbol -> followed("ticker." + symbol),
                (symbol, t) -> publish("ticker." + symbol, ticker(t)));
        hub.subscribe(Topics.MARKET_CANDLES, symbol -> followedWithPrefix("candles." + symbol + "."),
                (symbol, c) -> publish("candles." + symbol + "." + c.getInterval().name(), candle(c)));
        // Execution reports come straight from the engine's committed results, ahead of settlement; the
        // portfolio adds only what it decides alone. So an order's reports arrive once each, in order.
        hub.subscribe(Topics.MATCHING_RESULTS, user -> followedPrivately(user, "orders"),
                (user, r) -> publishPrivate(r.getUserId(), "orders", Views.execution(r)));
        hub.subscribe(Topics.ORDERS_EVENTS, user -> followedPrivately(user, "orders"), (user, e) -> {
            if (e.getCommandId() != null && e.getType() != OrderEventType.ACCEPTED) {
                publishPrivate(e.getUserId(), "orders", Views.refusal(e));
            }
        });
        hub.subscribe(Topics.PORTFOLIO_POSTINGS, user -> followedPrivately(user, "balances"),
                (user, posting) -> posting.getEntries().forEach(e -> publishPrivate(e.getUserId(), "balances", Views.ledger(e))));
        hub.subscribe(Topics.PAYMENTS_EVENTS, user -> followedPrivately(user, "payments"),
                (user, e) -> publishPrivate(e.getUserId(), "payments", Views.payment(e)));
        heartbeat.scheduleAtFixedRate(() -> {
            final String beat = json(Map.of("op", "heartbeat", "ts", Instant.now().toString()));
            sessions.values().forEach(s -> s.send(beat));
        }, 15, 15, TimeUnit.SECONDS);
    }

    @Override
    public void afterConnectionEstablished(final WebSocketSession session) {
        sessions.put(session.getId(), new ClientSession(session, senders));
    }

    @Override
    public void afterConnectionClosed(final WebSocketSession session, final CloseStatus status) {
        sessions.remove(session.getId());
    }

    @Override
    protected void handleTextMessage(final WebSocketSession session, final TextMessage message) {
        final ClientSession client = sessions.get(session.getId());
        if (client == null) {
            return;
        }
        final JsonNode request;
        try {
            request = JSON.readTree(message.getPayload());
        } catch (final RuntimeException e) {
            client.send(error("MALFORMED_JSON", "Messages are JSON objects"));
            return;
        }
        final String channel = request.path("channel").asString("");
        switch (request.path("op").asString("")) {
            case "ping" -> client.send(json(Map.of("op", "pong")));
            case "auth" -> authenticate(client, request.path("token").asString(""));
            case "subscribe" -> subscribe(client, channel);
            case "unsubscribe" -> {
                client.channels.remove(channel);
                client.send(json(Map.of("op", "unsubscribed", "channel", channel)));
            }
            default -> client.send(error("UNKNOWN_OP", "op must be auth, subscribe, unsubscribe or ping"));
        }
    }

    private void authenticate(final ClientSession client, final String token) {
        try {
            final Jwt jwt = tokens.decoder().decode(token);
            client.userId = jwt.getSubject();
            client.send(json(Map.of("op", "authenticated", "userId", client.userId)));
        } catch (final JwtException e) {
            client.send(error("UNAUTHENTICATED", "The token is invalid or expired"));
        }
    }

    private void subscribe(final ClientSession client, final String channel) {
        final boolean isPrivate = channel.equals("orders") || channel.equals("balances") || channel.equals("payments");
        if (!isPrivate && !PUBLIC.matcher(channel).matches()) {
            client.send(error("UNKNOWN_CHANNEL", "No channel " + channel));
            return;
        }
        if (isPrivate && client.userId == null) {
            client.send(error("UNAUTHENTICATED", "Send {\"op\":\"auth\",\"token\":...} before private channels"));
            return;
        }
        if (client.channels.size() >= MAX_CHANNELS) {
            client.send(error("TOO_MANY_CHANNELS", "At most " + MAX_CHANNELS + " channels per connection"));
            return;
        }
        client.channels.add(channel);
        client.send(json(Map.of("op", "subscribed", "channel", channel)));
        if (channel.startsWith("book.")) {
            client.send(json(Map.of("channel", channel, "data", snapshot(channel.substring(5)))));
        }
    }

    /** The depth snapshot a book subscriber starts from; deltas above its sequence follow. */
    private Map<String, Object> snapshot(final String symbol) {
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "snapshot");
        data.put("symbol", symbol);
        try {
            final DepthSnapshot depth = runner.streams(TopologyRunner.MARKETDATA)
                    .flatMap(s -> new MarketDataQueries(MarketDataStores.of(s)).depth(symbol, 50))
                    .orElse(new DepthSnapshot(0, false, List.of(), List.of()));
            data.put("sequence", depth.sequence());
            data.put("bids", depth.bids().stream().map(l -> List.of(Money.format(l.pricePaise()), l.quantityShares())).toList());
            data.put("asks", depth.asks().stream().map(l -> List.of(Money.format(l.pricePaise()), l.quantityShares())).toList());
        } catch (final RuntimeException e) {
            data.put("sequence", -1);
            data.put("error", "depth not available on this node yet; resubscribe shortly");
        }
        return data;
    }

    private boolean followed(final String channel) {
        return sessions.values().stream().anyMatch(client -> client.channels.contains(channel));
    }

    private boolean followedWithPrefix(final String prefix) {
        return sessions.values().stream().anyMatch(client -> client.channels.stream().anyMatch(c -> c.startsWith(prefix)));
    }

    /** Keys of the private topics are user ids, the same as each event's {@code userId}. */
    private boolean followedPrivately(final String userId, final String channel) {
        return userId != null && sessions.values().stream().anyMatch(client -> userId.equals(client.userId) && client.channels.contains(channel));
    }

    private void publish(final String channel, final Object data) {
        String message = null;
        for (final ClientSession client : sessions.values()) {
            if (client.channels.contains(channel)) {
                if (message == null) {
                    message = json(Map.of("channel", channel, "data", data));
                }
                client.send(message);
            }
        }
    }

    private void publishPrivate(final String userId, final String channel, final Object data) {
        String message = null;
        for (final ClientSession client : sessions.values()) {
            if (userId.equals(client.userId) && client.channels.contains(channel)) {
                if (message == null) {
                    message = json(Map.of("channel", channel, "data", data));
                }
                client.send(message);
            }
        }
    }

    private static Map<String, Object> trade(final Trade t) {
        return Map.of("tradeId", t.getTradeId(), "sequence", t.getSequence(), "price", Money.format(t.getPricePaise()),
                "quantity", t.getQuantityShares(), "aggressorSide", t.getAggressorSide().name(), "time", t.getTimestampMs().toString());
    }

    private static Map<String, Object> bookUpdate(final BookUpdate u) {
        return Map.of("type", "delta", "symbol", u.getSymbol(), "sequence", u.getSequence(),
                "levels", u.getLevels().stream().map(l -> List.of(l.getSide().name(), Money.format(l.getPricePaise()),
                        l.getQuantityShares())).toList());
    }

    private static Object ticker(final Ticker t) {
        return io.bourse.edge.api.MarketController.tickerView(t);
    }

    private static Object candle(final Candle c) {
        return io.bourse.edge.api.MarketController.candleView(c);
    }

    private static String error(final String code, final String message) {
        return json(Map.of("op", "error", "code", code, "message", message));
    }

    private static String json(final Object value) {
        return JSON.writeValueAsString(value);
    }

    private static Thread daemon(final Runnable r, final String name) {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Connected clients, for metrics. */
    public int connections() {
        return sessions.size();
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        heartbeat.shutdownNow();
        senders.shutdownNow();
        LOG.info("WebSocket handler stopped");
    }
}
