-- The tables the JDBC sink connectors fill, one per connector (io.bourse.connectors.SinkConnectors).
--
-- Columns mirror the Avro fields of each topic's value (snake_case; money and quantities are
-- bigint paise and shares, enums are text, timestamps are timestamptz). Every table has a
-- primary key built from the record's own unique id, and every connector upserts on it, so a
-- record delivered twice (a worker restarted after writing but before committing its offsets)
-- rewrites the same row instead of adding a second one.

-- trades.executed: every executed trade.
CREATE TABLE trades (
    trade_id        text        NOT NULL,
    sequence        bigint      NOT NULL,
    symbol          text        NOT NULL,
    price_paise     bigint      NOT NULL,
    quantity_shares bigint      NOT NULL,
    aggressor_side  text        NOT NULL,
    buy_order_id    text        NOT NULL,
    buy_user_id     text        NOT NULL,
    sell_order_id   text        NOT NULL,
    sell_user_id    text        NOT NULL,
    executed_at     timestamptz NOT NULL,
    PRIMARY KEY (trade_id, executed_at)
);
SELECT bourse_partition_by_time('trades', 'executed_at', interval '7 days');
CREATE INDEX trades_symbol_time ON trades (symbol, executed_at DESC);
CREATE INDEX trades_buyer_time ON trades (buy_user_id, executed_at DESC);
CREATE INDEX trades_seller_time ON trades (sell_user_id, executed_at DESC);

-- orders.events: the full lifecycle of every order, one row per event.
CREATE TABLE order_events (
    event_id                  text        NOT NULL,
    sequence                  bigint      NOT NULL,
    event_type                text        NOT NULL,
    order_id                  text        NOT NULL,
    client_order_id           text,
    user_id                   text        NOT NULL,
    symbol                    text        NOT NULL,
    side                      text        NOT NULL,
    order_type                text        NOT NULL,
    time_in_force             text        NOT NULL,
    limit_price_paise         bigint,
    quantity_shares           bigint      NOT NULL,
    filled_quantity_shares    bigint      NOT NULL,
    remaining_quantity_shares bigint      NOT NULL,
    filled_notional_paise     bigint      NOT NULL,
    trade_id                  text,
    fill_price_paise          bigint,
    fill_quantity_shares      bigint,
    liquidity                 text,
    fee_paise                 bigint,
    reason_code               text,
    reason_message            text,
    occurred_at               timestamptz NOT NULL,
    PRIMARY KEY (event_id, occurred_at)
);
SELECT bourse_partition_by_time('order_events', 'occurred_at', interval '7 days');
CREATE INDEX order_events_order ON order_events (order_id, sequence);
CREATE INDEX order_events_user_time ON order_events (user_id, occurred_at DESC);
CREATE INDEX order_events_symbol_time ON order_events (symbol, occurred_at DESC);

-- orders.events again: the latest state of every order, one row per order.
CREATE TABLE orders (
    order_id                  text        PRIMARY KEY,
    sequence                  bigint      NOT NULL,
    last_event_type           text        NOT NULL,
    client_order_id           text,
    user_id                   text        NOT NULL,
    symbol                    text        NOT NULL,
    side                      text        NOT NULL,
    order_type                text        NOT NULL,
    time_in_force             text        NOT NULL,
    limit_price_paise         bigint,
    quantity_shares           bigint      NOT NULL,
    filled_quantity_shares    bigint      NOT NULL,
    remaining_quantity_shares bigint      NOT NULL,
    filled_notional_paise     bigint      NOT NULL,
    reason_code               text,
    reason_message            text,
    updated_at                timestamptz NOT NULL
);
CREATE INDEX orders_user_time ON orders (user_id, updated_at DESC);
CREATE INDEX orders_symbol_state ON orders (symbol, last_event_type);

-- portfolio.ledger: every balance change of every account.
CREATE TABLE ledger_entries (
    entry_id        text        NOT NULL,
    sequence        bigint      NOT NULL,
    user_id         text        NOT NULL,
    asset           text        NOT NULL,
    unit            text        NOT NULL,
    available_delta bigint      NOT NULL,
    reserved_delta  bigint      NOT NULL,
    available_after bigint      NOT NULL,
    reserved_after  bigint      NOT NULL,
    reason          text        NOT NULL,
    order_id        text,
    trade_id        text,
    payment_id      text,
    occurred_at     timestamptz NOT NULL,
    PRIMARY KEY (entry_id, occurred_at)
);
SELECT bourse_partition_by_time('ledger_entries', 'occurred_at', interval '7 days');
CREATE INDEX ledger_entries_user_time ON ledger_entries (user_id, occurred_at DESC);
CREATE INDEX ledger_entries_user_asset_time ON ledger_entries (user_id, asset, occurred_at DESC);

-- market.candles: the latest values of every candle (re-emitted while its bucket is open).
CREATE TABLE candles (
    symbol             text        NOT NULL,
    candle_interval    text        NOT NULL,
    bucket_start       timestamptz NOT NULL,
    bucket_end         timestamptz NOT NULL,
    open_price_paise   bigint      NOT NULL,
    high_price_paise   bigint      NOT NULL,
    low_price_paise    bigint      NOT NULL,
    close_price_paise  bigint      NOT NULL,
    volume_shares      bigint      NOT NULL,
    turnover_paise     bigint      NOT NULL,
    trade_count        bigint      NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (symbol, candle_interval, bucket_start)
);
SELECT bourse_partition_by_time('candles', 'bucket_start', interval '30 days');

-- payments.events: deposits, withdrawal requests and payout outcomes.
CREATE TABLE payment_events (
    event_id            text        PRIMARY KEY,
    event_type          text        NOT NULL,
    user_id             text        NOT NULL,
    provider            text        NOT NULL,
    provider_payment_id text,
    withdrawal_id       text,
    amount_paise        bigint      NOT NULL,
    currency            text        NOT NULL,
    reason              text,
    occurred_at         timestamptz NOT NULL
);
CREATE INDEX payment_events_user_time ON payment_events (user_id, occurred_at DESC);
CREATE INDEX payment_events_withdrawal ON payment_events (withdrawal_id) WHERE withdrawal_id IS NOT NULL;

-- accounts.events: registrations, KYC decisions, suspensions. Deliberately without the KYC
-- identity (legal name, masked PAN): the connector drops those fields, and AccountEvent never
-- carries a password hash or a full PAN.
CREATE TABLE account_events (
    event_id       text        PRIMARY KEY,
    sequence       bigint      NOT NULL,
    event_type     text        NOT NULL,
    user_id        text        NOT NULL,
    email          text        NOT NULL,
    display_name   text,
    role           text,
    kyc_status     text        NOT NULL,
    suspended      boolean     NOT NULL,
    reason_code    text,
    reason_message text,
    occurred_at    timestamptz NOT NULL
);
CREATE INDEX account_events_user_time ON account_events (user_id, occurred_at DESC);

-- Monthly partitions around the migration date; later months come from
-- bourse_ensure_monthly_partitions, earlier or later rows land in the DEFAULT partitions.
SELECT bourse_ensure_monthly_partitions((now() - interval '1 month')::date, (now() + interval '3 months')::date);
