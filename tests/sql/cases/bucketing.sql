-- Bucket specs: CREATE TABLE ... CLUSTERED BY (...) [SORTED BY (...)] INTO n
-- BUCKETS (also with AS SELECT and PARTITIONED BY), how DESCRIBE, SHOW CREATE
-- TABLE and SHOW TABLE EXTENDED show the spec, that inserts keep it, and the
-- errors for bad specs. Objects: database sg_bkt.

CREATE DATABASE sg_bkt;

CREATE TABLE sg_bkt.b (a INT, b STRING, c INT) USING parquet CLUSTERED BY (a) SORTED BY (b) INTO 4 BUCKETS;

INSERT INTO sg_bkt.b VALUES (1, 'x', 10), (2, 'y', 20), (3, 'z', 30), (1, 'w', 40);

INSERT INTO sg_bkt.b SELECT a + 10, b, c FROM sg_bkt.b;

SELECT * FROM sg_bkt.b ORDER BY a, b;

SELECT a, count(*), sum(c) FROM sg_bkt.b GROUP BY a ORDER BY a;

DESCRIBE EXTENDED sg_bkt.b;

SHOW CREATE TABLE sg_bkt.b;

SHOW TABLE EXTENDED IN sg_bkt LIKE 'b';

CREATE TABLE sg_bkt.multi (a INT, b STRING, c INT) USING parquet CLUSTERED BY (b, a) INTO 8 BUCKETS;

DESCRIBE EXTENDED sg_bkt.multi;

SHOW CREATE TABLE sg_bkt.multi;

CREATE TABLE sg_bkt.pb (a INT, b STRING, p INT) USING parquet PARTITIONED BY (p) CLUSTERED BY (a) SORTED BY (a ASC, b) INTO 2 BUCKETS;

INSERT INTO sg_bkt.pb VALUES (1, 'x', 1), (2, 'y', 1), (3, 'z', 2);

SELECT * FROM sg_bkt.pb ORDER BY a;

SHOW CREATE TABLE sg_bkt.pb;

DESCRIBE EXTENDED sg_bkt.pb;

CREATE TABLE sg_bkt.ctas USING parquet CLUSTERED BY (a) INTO 3 BUCKETS AS SELECT * FROM sg_bkt.b;

SELECT count(*), sum(c) FROM sg_bkt.ctas;

SHOW CREATE TABLE sg_bkt.ctas;

SELECT x.a, x.c, y.c FROM sg_bkt.b x JOIN sg_bkt.ctas y ON x.a = y.a AND x.b = y.b ORDER BY x.a, x.b;

-- PARTITIONED BY (bucket(n, col)) is a bucket spec in the session catalog
CREATE TABLE sg_bkt.tr (a INT, b STRING, p INT) USING parquet PARTITIONED BY (p, bucket(3, a, b));

SHOW CREATE TABLE sg_bkt.tr;

INSERT INTO sg_bkt.tr VALUES (1, 'x', 1);

SELECT * FROM sg_bkt.tr;

-- bad specs
CREATE TABLE sg_bkt.e0 (a INT, b STRING) USING parquet CLUSTERED BY (a) SORTED BY (a DESC, b) INTO 2 BUCKETS;

CREATE TABLE sg_bkt.e1 (a INT, b STRING) USING parquet CLUSTERED BY (nope) INTO 4 BUCKETS;

CREATE TABLE sg_bkt.e2 (a INT, b STRING) USING parquet CLUSTERED BY (a) SORTED BY (nope) INTO 4 BUCKETS;

CREATE TABLE sg_bkt.e3 (a INT, b STRING) USING parquet CLUSTERED BY (a) INTO 0 BUCKETS;

CREATE TABLE sg_bkt.e4 (a INT, b STRING) USING parquet CLUSTERED BY (a) INTO 100001 BUCKETS;

CREATE TABLE sg_bkt.e5 (a INT, p INT) USING parquet PARTITIONED BY (p) CLUSTERED BY (p) INTO 4 BUCKETS;

CREATE TABLE sg_bkt.e6 (a INT, p INT) USING parquet PARTITIONED BY (p) CLUSTERED BY (a) SORTED BY (p) INTO 4 BUCKETS;

CREATE TABLE sg_bkt.e7 (a INT, b STRING) USING parquet CLUSTERED BY (a, A) INTO 4 BUCKETS;

CREATE TABLE sg_bkt.e8 (a INT, b STRING) USING parquet CLUSTERED BY (A) SORTED BY (B) INTO 4 BUCKETS;

SHOW CREATE TABLE sg_bkt.e8;

-- a bucketed table keeps its spec through INSERT OVERWRITE
INSERT OVERWRITE sg_bkt.e8 VALUES (5, 'v');

DESCRIBE EXTENDED sg_bkt.e8;

SELECT * FROM sg_bkt.e8;

-- CREATE TABLE LIKE copies the spec; ALTER TABLE keeps it
CREATE TABLE sg_bkt.lk LIKE sg_bkt.b;

SHOW CREATE TABLE sg_bkt.lk;

ALTER TABLE sg_bkt.lk ADD COLUMNS (d INT);

ALTER TABLE sg_bkt.lk SET TBLPROPERTIES ('k' = 'v');

SHOW CREATE TABLE sg_bkt.lk;

SHOW TABLES IN sg_bkt;

DROP DATABASE sg_bkt CASCADE;
