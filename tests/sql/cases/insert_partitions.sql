-- INSERT with static and dynamic PARTITION specs, INSERT OVERWRITE in
-- static and dynamic partitionOverwriteMode, TRUNCATE ... PARTITION.
-- Objects: database sg_insp.

CREATE DATABASE sg_insp;

CREATE TABLE sg_insp.sales (id INT, amount INT, region STRING, day STRING)
  USING parquet PARTITIONED BY (region, day);

-- dynamic: partition values are the last columns
INSERT INTO sg_insp.sales VALUES (1, 10, 'eu', 'd1'), (2, 20, 'us', 'd1'), (3, 30, 'eu', 'd2');

-- fully static
INSERT INTO sg_insp.sales PARTITION (region = 'apac', day = 'd1') VALUES (4, 40);

-- static prefix, dynamic rest
INSERT INTO sg_insp.sales PARTITION (region = 'us', day) VALUES (5, 50, 'd2'), (6, 60, 'd3');

-- dynamic spec naming both columns
INSERT INTO sg_insp.sales PARTITION (region, day) SELECT 7, 70, 'eu', 'd3';

SHOW PARTITIONS sg_insp.sales;

SELECT * FROM sg_insp.sales ORDER BY id;

SELECT region, day, sum(amount) FROM sg_insp.sales GROUP BY region, day ORDER BY region, day;

-- a static value of the wrong type is cast; too many / too few values are errors
INSERT INTO sg_insp.sales PARTITION (region = 'eu', day = 'd1') VALUES (8, 80, 'extra');

INSERT INTO sg_insp.sales PARTITION (region = 'eu', day = 'd1') VALUES (8);

INSERT INTO sg_insp.sales PARTITION (nope = 'x') VALUES (8, 80, 'eu', 'd1');

-- static overwrite (the default mode): with a full static spec only that partition
INSERT OVERWRITE sg_insp.sales PARTITION (region = 'eu', day = 'd1') VALUES (11, 110);

SELECT * FROM sg_insp.sales ORDER BY id;

-- static mode with a dynamic column: every partition under the static prefix is replaced
INSERT OVERWRITE sg_insp.sales PARTITION (region = 'us', day) VALUES (12, 120, 'd9');

SHOW PARTITIONS sg_insp.sales;

SELECT * FROM sg_insp.sales ORDER BY id;

SET spark.sql.sources.partitionOverwriteMode;

-- dynamic mode: only partitions present in the new rows are replaced
SET spark.sql.sources.partitionOverwriteMode=dynamic;

SET spark.sql.sources.partitionOverwriteMode;

INSERT OVERWRITE sg_insp.sales VALUES (13, 130, 'eu', 'd2'), (14, 140, 'new', 'd1');

SHOW PARTITIONS sg_insp.sales;

SELECT * FROM sg_insp.sales ORDER BY id;

INSERT OVERWRITE TABLE sg_insp.sales PARTITION (region = 'apac', day)
SELECT 15, 150, 'd1';

SELECT * FROM sg_insp.sales ORDER BY id;

-- static mode again: a fully dynamic overwrite replaces the whole table
SET spark.sql.sources.partitionOverwriteMode=STATIC;

INSERT OVERWRITE sg_insp.sales SELECT 16, 160, 'only', 'd0';

SHOW PARTITIONS sg_insp.sales;

SELECT * FROM sg_insp.sales ORDER BY id;

-- column list together with a partition spec
INSERT INTO sg_insp.sales PARTITION (region = 'eu', day = 'd5') (amount, id) VALUES (170, 17);

SELECT * FROM sg_insp.sales ORDER BY id;

-- TRUNCATE TABLE ... PARTITION
INSERT INTO sg_insp.sales VALUES (18, 180, 'eu', 'd6');

TRUNCATE TABLE sg_insp.sales PARTITION (region = 'eu', day = 'd5');

SHOW PARTITIONS sg_insp.sales;

SELECT * FROM sg_insp.sales ORDER BY id;

TRUNCATE TABLE sg_insp.sales PARTITION (region = 'eu');

SELECT * FROM sg_insp.sales ORDER BY id;

-- a DATE partition column, with a NULL partition value
CREATE TABLE sg_insp.events (payload STRING, dt DATE) USING parquet PARTITIONED BY (dt);

INSERT INTO sg_insp.events VALUES ('a', DATE'2024-03-01'), ('b', DATE'2024-03-02'), ('c', NULL);

SHOW PARTITIONS sg_insp.events;

SELECT * FROM sg_insp.events ORDER BY payload;

SELECT * FROM sg_insp.events WHERE dt IS NULL;

RESET spark.sql.sources.partitionOverwriteMode;

SET spark.sql.sources.partitionOverwriteMode;

DROP DATABASE sg_insp CASCADE;
