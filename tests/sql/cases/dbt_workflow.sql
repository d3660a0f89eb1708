-- A dbt-style pipeline: schemas raw/stg/mart, a partitioned raw table loaded
-- with INSERT INTO ... VALUES and dynamic INSERT OVERWRITE, CTAS models with
-- CTEs, window functions and LATERAL VIEW explode, SHOW TABLE EXTENDED,
-- DESCRIBE EXTENDED, a view, then selects of everything.
-- Objects: databases sg_dbt_raw, sg_dbt_stg, sg_dbt_mart.

CREATE SCHEMA IF NOT EXISTS sg_dbt_raw;

CREATE SCHEMA IF NOT EXISTS sg_dbt_stg;

CREATE SCHEMA IF NOT EXISTS sg_dbt_mart;

-- source tables
CREATE TABLE IF NOT EXISTS sg_dbt_raw.events (
  event_id BIGINT,
  user_id INT,
  event_type STRING,
  amount DECIMAL(10, 2),
  tags STRING,
  event_ts TIMESTAMP,
  event_date DATE)
USING parquet
PARTITIONED BY (event_date);

CREATE TABLE IF NOT EXISTS sg_dbt_raw.users (user_id INT, name STRING, country STRING) USING parquet;

INSERT INTO sg_dbt_raw.users VALUES (1, 'ana', 'PT'), (2, 'ben', 'DE'), (3, 'chen', 'CN'), (4, 'dara', NULL);

INSERT INTO sg_dbt_raw.events VALUES
  (1, 1, 'view', NULL, 'home,promo', TIMESTAMP'2024-06-01 08:00:00', DATE'2024-06-01'),
  (2, 1, 'purchase', 19.99, 'promo', TIMESTAMP'2024-06-01 08:05:00', DATE'2024-06-01'),
  (3, 2, 'view', NULL, 'home', TIMESTAMP'2024-06-01 09:00:00', DATE'2024-06-01'),
  (4, 2, 'purchase', 5.00, '', TIMESTAMP'2024-06-02 10:00:00', DATE'2024-06-02'),
  (5, 3, 'purchase', 42.10, 'sale,vip', TIMESTAMP'2024-06-02 11:00:00', DATE'2024-06-02'),
  (6, 1, 'purchase', 7.25, NULL, TIMESTAMP'2024-06-03 12:00:00', DATE'2024-06-03');

SHOW PARTITIONS sg_dbt_raw.events;

-- a late-arriving correction: dynamic partition overwrite replaces only 2024-06-02
SET spark.sql.sources.partitionOverwriteMode=dynamic;

INSERT OVERWRITE TABLE sg_dbt_raw.events PARTITION (event_date)
SELECT * FROM VALUES
  (4L, 2, 'purchase', 6.00BD, 'fix', TIMESTAMP'2024-06-02 10:00:00', DATE'2024-06-02'),
  (5L, 3, 'purchase', 42.10BD, 'sale,vip', TIMESTAMP'2024-06-02 11:00:00', DATE'2024-06-02'),
  (7L, 4, 'refund', -5.00BD, 'vip', TIMESTAMP'2024-06-02 23:59:59', DATE'2024-06-02')
  AS v(event_id, user_id, event_type, amount, tags, event_ts, event_date);

SHOW PARTITIONS sg_dbt_raw.events;

SELECT event_date, count(*), sum(amount) FROM sg_dbt_raw.events GROUP BY event_date ORDER BY event_date;

-- staging model: CTAS with CTEs
CREATE TABLE sg_dbt_stg.stg_events USING parquet AS
WITH src AS (
  SELECT * FROM sg_dbt_raw.events
), typed AS (
  SELECT event_id, user_id, lower(event_type) AS event_type, coalesce(amount, 0) AS amount,
         tags, event_ts, event_date
  FROM src
  WHERE event_type <> 'refund'
)
SELECT t.*, u.name AS user_name, coalesce(u.country, 'unknown') AS country
FROM typed t LEFT JOIN sg_dbt_raw.users u ON t.user_id = u.user_id;

-- staging model: one row per tag with LATERAL VIEW explode
CREATE TABLE sg_dbt_stg.stg_event_tags USING parquet PARTITIONED BY (event_date) AS
SELECT event_id, tag, event_date
FROM sg_dbt_raw.events
LATERAL VIEW explode(split(tags, ',')) t AS tag
WHERE tags IS NOT NULL AND tags <> '';

-- mart model: window functions
CREATE TABLE sg_dbt_mart.user_purchases USING parquet COMMENT 'purchases with running totals' AS
WITH purchases AS (
  SELECT user_id, user_name, country, event_id, amount, event_ts
  FROM sg_dbt_stg.stg_events
  WHERE event_type = 'purchase'
)
SELECT user_id, user_name, country, event_id, amount,
       row_number() OVER (PARTITION BY user_id ORDER BY event_ts) AS purchase_seq,
       sum(amount) OVER (PARTITION BY user_id ORDER BY event_ts
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_total,
       rank() OVER (ORDER BY amount DESC) AS amount_rank,
       lag(amount) OVER (PARTITION BY user_id ORDER BY event_ts) AS prev_amount
FROM purchases;

CREATE TABLE sg_dbt_mart.daily_summary USING parquet AS
SELECT event_date, count(DISTINCT user_id) AS users, count(*) AS events,
       sum(CASE WHEN event_type = 'purchase' THEN amount END) AS revenue
FROM sg_dbt_stg.stg_events
GROUP BY event_date;

CREATE OR REPLACE VIEW sg_dbt_mart.top_users AS
SELECT user_id, user_name, max(running_total) AS lifetime_value
FROM sg_dbt_mart.user_purchases
GROUP BY user_id, user_name;

-- what dbt inspects
-- sorted
SHOW TABLES IN sg_dbt_stg;

-- sorted
SHOW TABLES IN sg_dbt_mart;

SHOW TABLE EXTENDED IN sg_dbt_raw LIKE 'events';

SHOW TABLE EXTENDED IN sg_dbt_mart LIKE '*';

DESCRIBE EXTENDED sg_dbt_stg.stg_events;

DESCRIBE EXTENDED sg_dbt_stg.stg_event_tags;

DESCRIBE EXTENDED sg_dbt_mart.top_users;

-- select everything
SELECT * FROM sg_dbt_raw.users ORDER BY user_id;

SELECT * FROM sg_dbt_raw.events ORDER BY event_id;

SELECT * FROM sg_dbt_stg.stg_events ORDER BY event_id;

SELECT * FROM sg_dbt_stg.stg_event_tags ORDER BY event_id, tag;

SELECT * FROM sg_dbt_mart.user_purchases ORDER BY user_id, purchase_seq;

SELECT * FROM sg_dbt_mart.daily_summary ORDER BY event_date;

SELECT * FROM sg_dbt_mart.top_users ORDER BY lifetime_value DESC, user_id;

-- an incremental run: append new events and rebuild a model in place
INSERT INTO sg_dbt_raw.events PARTITION (event_date = '2024-06-04')
VALUES (8, 2, 'purchase', 12.00, 'promo', TIMESTAMP'2024-06-04 09:00:00');

INSERT OVERWRITE TABLE sg_dbt_mart.daily_summary
SELECT event_date, count(DISTINCT user_id), count(*), sum(CASE WHEN event_type = 'purchase' THEN amount END)
FROM sg_dbt_raw.events
GROUP BY event_date;

SELECT * FROM sg_dbt_mart.daily_summary ORDER BY event_date;

DROP VIEW sg_dbt_mart.top_users;

DROP TABLE sg_dbt_mart.user_purchases;

DROP DATABASE sg_dbt_mart CASCADE;

DROP DATABASE sg_dbt_stg CASCADE;

DROP DATABASE sg_dbt_raw CASCADE;
