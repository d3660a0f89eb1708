-- Partitions in custom directories: ADD PARTITION ... LOCATION, SET LOCATION,
-- reads (partition values from the catalog, not the path), INSERT into a
-- located partition, DESCRIBE / SHOW of a partition, DROP PARTITION.
-- Objects: database sg_ploc; directories under $TMP.

CREATE DATABASE sg_ploc;

CREATE TABLE sg_ploc.m (id INT, p INT) USING parquet PARTITIONED BY (p);

INSERT INTO sg_ploc.m VALUES (1, 1), (2, 2);

ALTER TABLE sg_ploc.m ADD PARTITION (p = 3) LOCATION '$TMP/m_p3' PARTITION (p = 4) LOCATION '$TMP/dir/p=9';

SHOW PARTITIONS sg_ploc.m;

ALTER TABLE sg_ploc.m ADD PARTITION (p = 3) LOCATION '$TMP/other';

ALTER TABLE sg_ploc.m ADD IF NOT EXISTS PARTITION (p = 3) LOCATION '$TMP/other';

INSERT INTO sg_ploc.m PARTITION (p = 3) VALUES (30), (31);

INSERT INTO sg_ploc.m VALUES (40, 4), (5, 5);

SELECT * FROM sg_ploc.m ORDER BY id;

SELECT id FROM sg_ploc.m WHERE p = 4;

-- the data went into the custom directory
SELECT id FROM parquet.`$TMP/dir/p=9` ORDER BY id;

DESCRIBE EXTENDED sg_ploc.m PARTITION (p = 3);

DESCRIBE EXTENDED sg_ploc.m PARTITION (p = 2);

SHOW TABLE EXTENDED IN sg_ploc LIKE 'm' PARTITION (p = 4);

INSERT OVERWRITE sg_ploc.m PARTITION (p = 3) VALUES (33);

SELECT * FROM sg_ploc.m ORDER BY id;

-- move an existing partition to a new (empty) directory: its old rows are no longer read
ALTER TABLE sg_ploc.m PARTITION (p = 1) SET LOCATION '$TMP/m_p1';

SELECT * FROM sg_ploc.m ORDER BY id;

INSERT INTO sg_ploc.m PARTITION (p = 1) VALUES (10);

SELECT * FROM sg_ploc.m ORDER BY id;

ALTER TABLE sg_ploc.m PARTITION (p = 7) SET LOCATION '$TMP/m_p7';

SHOW PARTITIONS sg_ploc.m;

-- recovering partitions from the table directory, which still holds p=1's
-- old files: the session catalog registers p=1 at that directory again
MSCK REPAIR TABLE sg_ploc.m;

SELECT * FROM sg_ploc.m ORDER BY id;

ALTER TABLE sg_ploc.m RECOVER PARTITIONS;

SELECT * FROM sg_ploc.m ORDER BY id;

SHOW TABLE EXTENDED IN sg_ploc LIKE 'm' PARTITION (p = 4);

-- dropping a managed table's partition with a custom location
ALTER TABLE sg_ploc.m DROP PARTITION (p = 3);

SELECT * FROM sg_ploc.m ORDER BY id;

ALTER TABLE sg_ploc.m DROP PARTITION (p = 3);

-- TRUNCATE empties a partition in a custom directory and keeps it there;
-- DROP TABLE deletes a managed table's custom partition directories
CREATE TABLE sg_ploc.t (id INT, p INT) USING parquet PARTITIONED BY (p);

ALTER TABLE sg_ploc.t ADD PARTITION (p = 1) LOCATION '$TMP/t_p1' PARTITION (p = 2) LOCATION '$TMP/t_p2';

INSERT INTO sg_ploc.t VALUES (1, 1), (2, 2), (3, 3);

TRUNCATE TABLE sg_ploc.t PARTITION (p = 1);

SELECT * FROM sg_ploc.t ORDER BY id;

SHOW PARTITIONS sg_ploc.t;

SHOW TABLE EXTENDED IN sg_ploc LIKE 't' PARTITION (p = 1);

INSERT INTO sg_ploc.t VALUES (11, 1);

TRUNCATE TABLE sg_ploc.t;

SELECT * FROM sg_ploc.t ORDER BY id;

SHOW PARTITIONS sg_ploc.t;

INSERT INTO sg_ploc.t VALUES (12, 2);

SELECT * FROM sg_ploc.t ORDER BY id;

DROP TABLE sg_ploc.t;

SELECT id FROM parquet.`$TMP/t_p2`;

-- external table
CREATE TABLE sg_ploc.e (id INT, p STRING) USING parquet PARTITIONED BY (p) LOCATION '$TMP/e';

INSERT INTO sg_ploc.e VALUES (1, 'a');

ALTER TABLE sg_ploc.e ADD PARTITION (p = 'b') LOCATION '$TMP/e_b';

INSERT INTO sg_ploc.e PARTITION (p = 'b') VALUES (2);

SELECT * FROM sg_ploc.e ORDER BY id;

SELECT id FROM parquet.`$TMP/e_b`;

ALTER TABLE sg_ploc.e DROP PARTITION (p = 'b');

SELECT * FROM sg_ploc.e ORDER BY id;

SELECT id FROM parquet.`$TMP/e_b`;

ALTER TABLE sg_ploc.e ADD PARTITION (p = 'c') LOCATION '$TMP/e_b';

SELECT * FROM sg_ploc.e ORDER BY id;

SHOW PARTITIONS sg_ploc.e;

DROP DATABASE sg_ploc CASCADE;
