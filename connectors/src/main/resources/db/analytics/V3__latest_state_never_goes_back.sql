-- The latest-state tables (orders, candles) are upserted from topics that re-emit a key's state
-- as it changes. Kafka keeps each key's records in order, but a worker that crashes before
-- committing its offsets delivers a stretch of them again: without a guard, that would briefly
-- put an older state back over a newer one. These triggers skip an update that would move a
-- row backwards, so the table only ever shows a state at least as new as the newest one seen.

-- An order's events all belong to one user, whose per-user sequence strictly increases.
CREATE FUNCTION bourse_skip_older_order_state() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.sequence < OLD.sequence THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER orders_skip_older_state
    BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION bourse_skip_older_order_state();

-- A candle's trade count only grows while its bucket is open.
CREATE FUNCTION bourse_skip_older_candle_state() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.trade_count < OLD.trade_count THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER candles_skip_older_state
    BEFORE UPDATE ON candles
    FOR EACH ROW EXECUTE FUNCTION bourse_skip_older_candle_state();
