-- CREATE TABLE (USING parquet/csv/json, PARTITIONED BY, OPTIONS, TBLPROPERTIES,
-- COMMENT, IF NOT EXISTS, OR REPLACE, LIKE), DROP TABLE.
-- Objects: database sg_ct.

CREATE DATABASE sg_ct;

CREATE TABLE sg_ct.pq (id BIGINT, name STRING, score DOUBLE, born DATE) USING parquet;

CREATE TABLE sg_ct.pq_part (id INT, amount DECIMAL(10, 2), region STRING, day STRING)
  USING parquet
  PARTITIONED BY (region, day)
  COMMENT 'partitioned parquet'
  TBLPROPERTIES ('quality' = 'gold', 'layer' = 'raw');

CREATE TABLE sg_ct.csv_t (id INT, label STRING)
  USING csv
  OPTIONS (header 'true', delimiter '|');

CREATE TABLE sg_ct.json_t (id INT, tags ARRAY<STRING>, attrs MAP<STRING, INT>, pt STRUCT<x: INT, y: INT>)
  USING json;

CREATE TABLE sg_ct.commented (id INT COMMENT 'the key', v STRING COMMENT 'a value')
  USING parquet
  COMMENT 'has column comments';

CREATE TABLE sg_ct.not_null (id INT NOT NULL, v STRING) USING parquet;

-- sorted
SHOW TABLES IN sg_ct;

DESCRIBE TABLE sg_ct.pq;

DESCRIBE sg_ct.pq_part;

DESCRIBE sg_ct.json_t;

DESCRIBE sg_ct.commented;

SHOW CREATE TABLE sg_ct.pq_part;

SHOW CREATE TABLE sg_ct.csv_t;

SHOW CREATE TABLE sg_ct.not_null;

-- the tables work
INSERT INTO sg_ct.pq VALUES (1, 'a', 1.5, DATE'2024-01-02'), (2, NULL, NULL, NULL);

INSERT INTO sg_ct.csv_t VALUES (1, 'x|y'), (2, NULL), (3, 'plain');

INSERT INTO sg_ct.json_t VALUES (1, array('a', 'b'), map('k', 1), named_struct('x', 1, 'y', 2)), (2, NULL, NULL, NULL);

SELECT * FROM sg_ct.pq ORDER BY id;

SELECT * FROM sg_ct.csv_t ORDER BY id;

SELECT * FROM sg_ct.json_t ORDER BY id;

-- IF NOT EXISTS keeps the existing table (and its rows)
CREATE TABLE IF NOT EXISTS sg_ct.pq (other INT) USING parquet;

SELECT count(*) FROM sg_ct.pq;

DESCRIBE sg_ct.pq;

CREATE TABLE sg_ct.pq (other INT) USING parquet;

-- OR REPLACE is only for v2 tables in the session catalog
CREATE OR REPLACE TABLE sg_ct.pq (other INT) USING parquet;

-- LIKE copies the schema (and partitioning), not the rows
CREATE TABLE sg_ct.pq_like LIKE sg_ct.pq_part;

DESCRIBE sg_ct.pq_like;

SHOW TBLPROPERTIES sg_ct.pq_like;

SELECT count(*) FROM sg_ct.pq_like;

CREATE TABLE sg_ct.csv_like LIKE sg_ct.csv_t USING json;

SHOW CREATE TABLE sg_ct.csv_like;

CREATE TABLE IF NOT EXISTS sg_ct.pq_like LIKE sg_ct.pq;

CREATE TABLE sg_ct.pq_like LIKE sg_ct.pq;

CREATE TABLE sg_ct.like_missing LIKE sg_ct.nope;

-- a missing schema is an error
CREATE TABLE sg_ct_nope.t (id INT) USING parquet;

-- a partition column must be a column of the table
CREATE TABLE sg_ct.bad_part (id INT) USING parquet PARTITIONED BY (nope);

-- duplicate column
CREATE TABLE sg_ct.dup (id INT, ID STRING) USING parquet;

-- DROP TABLE
DROP TABLE sg_ct.pq;

DROP TABLE sg_ct.pq;

DROP TABLE IF EXISTS sg_ct.pq;

SELECT * FROM sg_ct.pq;

-- sorted
SHOW TABLES IN sg_ct;

DROP DATABASE sg_ct CASCADE;
