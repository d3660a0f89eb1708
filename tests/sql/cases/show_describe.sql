-- SHOW TABLES/VIEWS/COLUMNS/PARTITIONS/CREATE TABLE/TBLPROPERTIES/TABLE EXTENDED,
-- DESCRIBE [EXTENDED|FORMATTED] table / column, DESCRIBE QUERY.
-- Objects: database sg_sd.

CREATE DATABASE sg_sd;

CREATE TABLE sg_sd.orders (
  order_id BIGINT COMMENT 'primary key',
  customer STRING,
  total DECIMAL(12, 2),
  items ARRAY<STRUCT<sku: STRING, qty: INT>>,
  attrs MAP<STRING, STRING>,
  ts TIMESTAMP,
  country STRING,
  order_date DATE)
USING parquet
PARTITIONED BY (country, order_date)
COMMENT 'orders table'
TBLPROPERTIES ('owner.team' = 'sales', 'retention' = '30d');

INSERT INTO sg_sd.orders VALUES
  (1, 'acme', 12.50, array(named_struct('sku', 'x1', 'qty', 2)), map('src', 'web'), TIMESTAMP'2024-05-01 10:00:00', 'DE', DATE'2024-05-01'),
  (2, 'bolt', 99.99, array(), map(), TIMESTAMP'2024-05-02 11:30:00.5', 'US', DATE'2024-05-02'),
  (3, NULL, NULL, NULL, NULL, NULL, 'DE', DATE'2024-05-02');

CREATE TABLE sg_sd.small (k INT, v STRING) USING json;

CREATE VIEW sg_sd.orders_v AS SELECT order_id, total FROM sg_sd.orders;

CREATE TEMPORARY VIEW sg_sd_temp AS SELECT 1 AS one;

-- SHOW TABLES (temporary views are listed with every database)
SHOW TABLES IN sg_sd;

SHOW TABLES FROM sg_sd LIKE 'ord*';

SHOW TABLES IN sg_sd LIKE 'small|orders_v';

SHOW TABLES IN sg_sd LIKE 'nothing*';

SHOW TABLES IN sg_sd_nope;

-- SHOW VIEWS
SHOW VIEWS IN sg_sd;

SHOW VIEWS FROM sg_sd LIKE 'sg_sd_*';

-- SHOW COLUMNS
SHOW COLUMNS IN sg_sd.orders;

SHOW COLUMNS FROM small IN sg_sd;

SHOW COLUMNS IN sg_sd.orders_v;

SHOW COLUMNS IN sg_sd.nope;

-- SHOW PARTITIONS
SHOW PARTITIONS sg_sd.orders;

SHOW PARTITIONS sg_sd.orders PARTITION (country = 'DE');

SHOW PARTITIONS sg_sd.orders PARTITION (order_date = '2024-05-02');

SHOW PARTITIONS sg_sd.small;

SHOW PARTITIONS sg_sd.orders PARTITION (nope = '1');

-- SHOW CREATE TABLE
SHOW CREATE TABLE sg_sd.orders;

SHOW CREATE TABLE sg_sd.small;

SHOW CREATE TABLE sg_sd.nope;

-- SHOW TBLPROPERTIES
-- sorted
SHOW TBLPROPERTIES sg_sd.orders;

SHOW TBLPROPERTIES sg_sd.orders ('retention');

SHOW TBLPROPERTIES sg_sd.small;

-- SHOW TABLE EXTENDED
SHOW TABLE EXTENDED IN sg_sd LIKE 'orders';

SHOW TABLE EXTENDED IN sg_sd LIKE 'small|orders_v';

SHOW TABLE EXTENDED IN sg_sd LIKE 'orders' PARTITION (country = 'US', order_date = '2024-05-02');

SHOW TABLE EXTENDED IN sg_sd LIKE 'orders' PARTITION (country = 'FR', order_date = '2024-05-02');

SHOW TABLE EXTENDED IN sg_sd LIKE 'nothing*';

-- DESCRIBE table
DESCRIBE sg_sd.orders;

DESC TABLE sg_sd.small;

DESCRIBE EXTENDED sg_sd.orders;

DESCRIBE FORMATTED sg_sd.small;

DESCRIBE EXTENDED sg_sd.orders PARTITION (country = 'DE', order_date = '2024-05-01');

DESCRIBE EXTENDED sg_sd.orders_v;

DESCRIBE sg_sd_temp;

DESCRIBE sg_sd.nope;

-- DESCRIBE column
DESCRIBE sg_sd.orders order_id;

DESCRIBE sg_sd.orders items;

DESCRIBE EXTENDED sg_sd.orders total;

DESCRIBE sg_sd.orders nope;

-- DESCRIBE QUERY
DESCRIBE QUERY SELECT order_id, total * 2 AS doubled, country FROM sg_sd.orders;

DESCRIBE SELECT k, count(*) AS n FROM sg_sd.small GROUP BY k;

DESCRIBE QUERY WITH c AS (SELECT 1 AS a, 'x' AS b) SELECT * FROM c;

DESCRIBE QUERY VALUES (1, 'a', 2.5);

DESCRIBE QUERY SELECT * FROM sg_sd.nope;

DROP DATABASE sg_sd CASCADE;
