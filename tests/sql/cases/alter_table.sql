-- ALTER TABLE: RENAME TO, ADD COLUMNS, SET/UNSET TBLPROPERTIES,
-- ADD/DROP PARTITION, ALTER COLUMN ... COMMENT.
-- Objects: database sg_alt.

CREATE DATABASE sg_alt;

CREATE TABLE sg_alt.t (id INT, name STRING) USING parquet TBLPROPERTIES ('a' = '1');

INSERT INTO sg_alt.t VALUES (1, 'one'), (2, 'two');

-- RENAME TO (within the database; the target may be qualified)
ALTER TABLE sg_alt.t RENAME TO sg_alt.t2;

SELECT * FROM sg_alt.t2 ORDER BY id;

SELECT * FROM sg_alt.t;

-- sorted
SHOW TABLES IN sg_alt;

ALTER TABLE sg_alt.nope RENAME TO sg_alt.nope2;

CREATE TABLE sg_alt.other (x INT) USING parquet;

ALTER TABLE sg_alt.t2 RENAME TO sg_alt.other;

-- ADD COLUMNS: existing rows read NULL
ALTER TABLE sg_alt.t2 ADD COLUMNS (score DOUBLE COMMENT 'added', tags ARRAY<STRING>);

DESCRIBE sg_alt.t2;

SELECT * FROM sg_alt.t2 ORDER BY id;

INSERT INTO sg_alt.t2 VALUES (3, 'three', 3.5, array('x'));

SELECT * FROM sg_alt.t2 ORDER BY id;

ALTER TABLE sg_alt.t2 ADD COLUMN extra STRING;

DESCRIBE sg_alt.t2;

ALTER TABLE sg_alt.t2 ADD COLUMNS (id BIGINT);

-- ALTER COLUMN ... COMMENT
ALTER TABLE sg_alt.t2 ALTER COLUMN name COMMENT 'the name';

DESCRIBE sg_alt.t2 name;

-- SET / UNSET TBLPROPERTIES
ALTER TABLE sg_alt.t2 SET TBLPROPERTIES ('b' = '2', 'a' = 'changed');

-- sorted
SHOW TBLPROPERTIES sg_alt.t2;

SHOW TBLPROPERTIES sg_alt.t2 ('a');

SHOW TBLPROPERTIES sg_alt.t2 ('nope');

ALTER TABLE sg_alt.t2 UNSET TBLPROPERTIES ('a');

-- sorted
SHOW TBLPROPERTIES sg_alt.t2;

ALTER TABLE sg_alt.t2 UNSET TBLPROPERTIES ('nope');

ALTER TABLE sg_alt.t2 UNSET TBLPROPERTIES IF EXISTS ('nope');

ALTER TABLE sg_alt.t2 SET TBLPROPERTIES ('comment' = 'set through a property');

DESCRIBE TABLE EXTENDED sg_alt.t2;

-- ADD / DROP PARTITION
CREATE TABLE sg_alt.p (id INT, region STRING, day INT) USING parquet PARTITIONED BY (region, day);

INSERT INTO sg_alt.p VALUES (1, 'eu', 1), (2, 'us', 1), (3, 'eu', 2);

SHOW PARTITIONS sg_alt.p;

ALTER TABLE sg_alt.p ADD PARTITION (region = 'apac', day = 1);

ALTER TABLE sg_alt.p ADD IF NOT EXISTS PARTITION (region = 'apac', day = 1) PARTITION (region = 'apac', day = 2);

ALTER TABLE sg_alt.p ADD PARTITION (region = 'apac', day = 1);

SHOW PARTITIONS sg_alt.p;

SHOW PARTITIONS sg_alt.p PARTITION (region = 'apac');

SELECT * FROM sg_alt.p ORDER BY id;

ALTER TABLE sg_alt.p DROP PARTITION (region = 'eu', day = 1);

ALTER TABLE sg_alt.p DROP IF EXISTS PARTITION (region = 'eu', day = 1);

ALTER TABLE sg_alt.p DROP PARTITION (region = 'eu', day = 1);

ALTER TABLE sg_alt.p DROP PARTITION (region = 'apac');

SHOW PARTITIONS sg_alt.p;

SELECT * FROM sg_alt.p ORDER BY id;

ALTER TABLE sg_alt.p ADD PARTITION (nope = 'x');

ALTER TABLE sg_alt.t2 ADD PARTITION (id = 1);

ALTER TABLE sg_alt.p RENAME TO sg_alt.p2;

SHOW PARTITIONS sg_alt.p2;

SELECT * FROM sg_alt.p2 ORDER BY id;

DROP DATABASE sg_alt CASCADE;
