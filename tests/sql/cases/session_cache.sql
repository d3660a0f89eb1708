-- SET / RESET, CACHE [LAZY] TABLE, UNCACHE TABLE, CLEAR CACHE,
-- REFRESH TABLE, ANALYZE TABLE.
-- Objects: database sg_sc.

-- SET / RESET of session configuration
SET spark.sql.shuffle.partitions;

SET spark.sql.shuffle.partitions=7;

SET spark.sql.shuffle.partitions;

SET sg.custom.key = some value;

SET sg.custom.key;

SET sg.never.set;

RESET spark.sql.shuffle.partitions;

SET spark.sql.shuffle.partitions;

SET spark.sql.ansi.enabled = false;

SELECT CAST('abc' AS INT);

RESET;

SELECT CAST('abc' AS INT);

SET sg.custom.key;

-- ignore-output
SET;

-- ignore-output
SET -v;

SET spark.sql.warehouse.dir = /elsewhere;

CREATE DATABASE sg_sc;

CREATE TABLE sg_sc.t USING parquet AS SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, 'c') AS v(id, v);

-- CACHE / UNCACHE / CLEAR CACHE
CACHE TABLE sg_sc.t;

SELECT * FROM sg_sc.t ORDER BY id;

UNCACHE TABLE sg_sc.t;

UNCACHE TABLE IF EXISTS sg_sc.t;

UNCACHE TABLE sg_sc.nope;

UNCACHE TABLE IF EXISTS sg_sc.nope;

CACHE LAZY TABLE sg_sc.t;

SELECT count(*) FROM sg_sc.t;

CACHE TABLE sg_sc.t OPTIONS ('storageLevel' = 'MEMORY_ONLY');

CACHE TABLE sg_sc_cached AS SELECT id * 10 AS x FROM sg_sc.t;

SELECT * FROM sg_sc_cached ORDER BY x;

CACHE LAZY TABLE sg_sc_lazy AS SELECT v FROM sg_sc.t WHERE id = 2;

SELECT * FROM sg_sc_lazy;

SHOW TABLES IN sg_sc;

CACHE TABLE sg_sc.nope;

CLEAR CACHE;

SELECT * FROM sg_sc_cached ORDER BY x;

-- REFRESH
REFRESH TABLE sg_sc.t;

REFRESH TABLE sg_sc_cached;

REFRESH TABLE sg_sc.nope;

-- ANALYZE TABLE
ANALYZE TABLE sg_sc.t COMPUTE STATISTICS;

DESCRIBE EXTENDED sg_sc.t;

ANALYZE TABLE sg_sc.t COMPUTE STATISTICS NOSCAN;

ANALYZE TABLE sg_sc.t COMPUTE STATISTICS FOR COLUMNS id, v;

DESCRIBE EXTENDED sg_sc.t id;

DESCRIBE EXTENDED sg_sc.t v;

ANALYZE TABLE sg_sc.t COMPUTE STATISTICS FOR ALL COLUMNS;

ANALYZE TABLES IN sg_sc COMPUTE STATISTICS;

ANALYZE TABLE sg_sc.nope COMPUTE STATISTICS;

CREATE TABLE sg_sc.p (id INT, part STRING) USING parquet PARTITIONED BY (part);

INSERT INTO sg_sc.p VALUES (1, 'a'), (2, 'a'), (3, 'b');

ANALYZE TABLE sg_sc.p PARTITION (part = 'a') COMPUTE STATISTICS;

DESCRIBE EXTENDED sg_sc.p PARTITION (part = 'a');

ANALYZE TABLE sg_sc.p COMPUTE STATISTICS;

DESCRIBE EXTENDED sg_sc.p;

DROP DATABASE sg_sc CASCADE;
