-- CREATE TABLE ... AS SELECT (plain, partitioned, with CTEs, OR REPLACE,
-- IF NOT EXISTS, column types inferred from the query).
-- Objects: database sg_ctas.

CREATE DATABASE sg_ctas;

CREATE TABLE sg_ctas.src USING parquet AS
SELECT * FROM VALUES
  (1, 'a', 10.5D, DATE'2024-01-01'),
  (2, 'b', 20.0D, DATE'2024-01-02'),
  (3, 'a', NULL, DATE'2024-01-02'),
  (4, NULL, 5.25D, DATE'2024-01-03')
  AS v(id, grp, amount, day);

DESCRIBE sg_ctas.src;

SELECT * FROM sg_ctas.src ORDER BY id;

CREATE TABLE sg_ctas.by_grp USING parquet PARTITIONED BY (grp) AS
SELECT id, amount, grp FROM sg_ctas.src;

DESCRIBE sg_ctas.by_grp;

SHOW PARTITIONS sg_ctas.by_grp;

SELECT * FROM sg_ctas.by_grp ORDER BY id;

SELECT * FROM sg_ctas.by_grp WHERE grp = 'a' ORDER BY id;

-- CTEs and expressions: names and types come from the query
CREATE TABLE sg_ctas.summary USING parquet COMMENT 'per group' TBLPROPERTIES ('k' = 'v') AS
WITH s AS (
  SELECT coalesce(grp, '?') AS g, amount FROM sg_ctas.src
), agg AS (
  SELECT g, count(*) AS n, sum(amount) AS total, avg(amount) AS mean FROM s GROUP BY g
)
SELECT g, n, total, CAST(mean AS DECIMAL(10, 3)) AS mean, n > 1 AS many FROM agg;

DESCRIBE sg_ctas.summary;

SELECT * FROM sg_ctas.summary ORDER BY g;

SHOW TBLPROPERTIES sg_ctas.summary;

-- column list on CTAS
CREATE TABLE sg_ctas.renamed (a, b) USING parquet AS SELECT id, grp FROM sg_ctas.src;

CREATE TABLE sg_ctas.typed (a INT, b STRING) USING parquet AS SELECT id, grp FROM sg_ctas.src;

CREATE TABLE sg_ctas.json_ctas USING json AS SELECT id, grp FROM sg_ctas.src WHERE id <= 2;

SELECT * FROM sg_ctas.json_ctas ORDER BY id;

-- already exists
CREATE TABLE sg_ctas.src USING parquet AS SELECT 1 AS x;

CREATE TABLE IF NOT EXISTS sg_ctas.src USING parquet AS SELECT 1 AS x;

SELECT count(*) FROM sg_ctas.src;

-- OR REPLACE ... AS SELECT
CREATE OR REPLACE TABLE sg_ctas.src USING parquet AS SELECT 1 AS x;

-- an empty result still creates the table
CREATE TABLE sg_ctas.empty USING parquet AS SELECT * FROM sg_ctas.src WHERE id < 0;

DESCRIBE sg_ctas.empty;

SELECT count(*) FROM sg_ctas.empty;

-- unnamed expression columns keep Spark's generated names
CREATE TABLE sg_ctas.exprs USING parquet AS SELECT id + 1, upper(grp) FROM sg_ctas.src;

DESCRIBE sg_ctas.exprs;

-- sorted
SHOW TABLES IN sg_ctas;

DROP DATABASE sg_ctas CASCADE;
