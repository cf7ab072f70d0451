-- Support for the time-series tables of the analytics database.
--
-- A time-series table is created as a plain table (columns, primary key) and then handed to
-- bourse_partition_by_time, which partitions it by its time column:
--   * on TimescaleDB (the cluster's database) it becomes a hypertable whose chunks are created
--     as data arrives;
--   * on plain PostgreSQL it becomes a natively range-partitioned table with one partition per
--     month plus a DEFAULT partition. Monthly partitions are created ahead of time by
--     bourse_ensure_monthly_partitions (called by migrations and by the embedded sink at every
--     start; operators schedule it, e.g. with pg_cron, on a long-running database). The DEFAULT
--     partition means an insert never fails for want of a partition: rows outside the prepared
--     months land there and are moved into their month when its partition is created.
-- Either way the time column is part of the primary key, as both kinds of partitioning require.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
            AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        CREATE EXTENSION timescaledb;
    END IF;
END
$$;

-- Which tables are partitioned by time, and by which column.
CREATE TABLE bourse_time_series (
    table_name  text PRIMARY KEY,
    time_column text NOT NULL,
    timescaledb boolean NOT NULL
);

CREATE FUNCTION bourse_partition_by_time(p_table text, p_time_column text, p_chunk interval)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    v_template text := p_table || '_unpartitioned';
    v_pk text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        EXECUTE format('SELECT create_hypertable(%L::regclass, %L::name, chunk_time_interval => %L::interval)',
                p_table, p_time_column, p_chunk);
        INSERT INTO bourse_time_series VALUES (p_table, p_time_column, true);
        RETURN;
    END IF;
    -- Native partitioning has to be declared when a table is created: re-create the table as a
    -- partitioned copy of itself (columns, defaults, constraints, primary key, comments).
    EXECUTE format('ALTER TABLE %I RENAME TO %I', p_table, v_template);
    SELECT conname INTO v_pk FROM pg_constraint WHERE conrelid = v_template::regclass AND contype = 'p';
    EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', v_template, v_pk, v_template || '_pkey');
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING ALL) PARTITION BY RANGE (%I)', p_table, v_template, p_time_column);
    EXECUTE format('DROP TABLE %I', v_template);
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', p_table || '_default', p_table);
    INSERT INTO bourse_time_series VALUES (p_table, p_time_column, false);
END
$$;

-- Creates the missing monthly partitions of every natively partitioned time-series table for the
-- months from p_from through p_to (both inclusive), moving rows of those months out of the
-- DEFAULT partition first. Returns how many partitions it created. Idempotent; nothing to do on
-- TimescaleDB.
CREATE FUNCTION bourse_ensure_monthly_partitions(p_from date, p_to date)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    v_series record;
    v_month date;
    v_start timestamptz;
    v_end timestamptz;
    v_partition text;
    v_created integer := 0;
BEGIN
    FOR v_series IN SELECT table_name, time_column FROM bourse_time_series WHERE NOT timescaledb ORDER BY table_name LOOP
        v_month := date_trunc('month', p_from)::date;
        WHILE v_month <= p_to LOOP
            v_partition := format('%s_%s', v_series.table_name, to_char(v_month, 'YYYY_MM'));
            IF to_regclass(quote_ident(v_partition)) IS NULL THEN
                v_start := v_month::timestamp AT TIME ZONE 'UTC';
                v_end := (v_month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
                EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                        v_partition, v_series.table_name);
                EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) '
                        'INSERT INTO %I SELECT * FROM moved',
                        v_series.table_name || '_default', v_series.time_column, v_series.time_column, v_partition)
                        USING v_start, v_end;
                EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                        v_series.table_name, v_partition, v_start, v_end);
                v_created := v_created + 1;
            END IF;
            v_month := (v_month + interval '1 month')::date;
        END LOOP;
    END LOOP;
    RETURN v_created;
END
$$;
