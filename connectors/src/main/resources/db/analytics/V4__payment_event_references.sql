-- payments.events grew references after V2: the deposit intent and provider order of deposit
-- events, and the payout destination and mode of withdrawals. Nullable, as they are in the events:
-- rows written before this migration keep NULL there.
ALTER TABLE payment_events
    ADD COLUMN intent_id         text,
    ADD COLUMN provider_order_id text,
    ADD COLUMN destination_id    text,
    ADD COLUMN payout_mode       text;
CREATE INDEX payment_events_intent ON payment_events (intent_id) WHERE intent_id IS NOT NULL;
CREATE INDEX payment_events_provider_order ON payment_events (provider_order_id) WHERE provider_order_id IS NOT NULL;
