-- Temporary, global temporary and persistent views: CREATE [OR REPLACE]
-- [TEMPORARY] VIEW, DROP VIEW, SHOW VIEWS, DESCRIBE of views.
-- Objects: database sg_vw, global temp views sg_vw_*.

CREATE DATABASE sg_vw;

CREATE TABLE sg_vw.base (id INT, name STRING, dept STRING) USING parquet;

INSERT INTO sg_vw.base VALUES (1, 'ann', 'eng'), (2, 'bob', 'ops'), (3, 'cid', 'eng'), (4, NULL, NULL);

-- temporary views
CREATE TEMPORARY VIEW tv_eng AS SELECT id, name FROM sg_vw.base WHERE dept = 'eng';

SELECT * FROM tv_eng ORDER BY id;

CREATE TEMPORARY VIEW tv_eng AS SELECT 1 AS x;

CREATE OR REPLACE TEMPORARY VIEW tv_eng AS SELECT id, upper(name) AS name FROM sg_vw.base WHERE dept = 'eng';

SELECT * FROM tv_eng ORDER BY id;

CREATE TEMP VIEW tv_cols (key COMMENT 'the id', val) AS SELECT id, name FROM sg_vw.base;

DESCRIBE tv_cols;

CREATE TEMPORARY VIEW tv_values AS VALUES (1, 'a'), (2, 'b');

SELECT * FROM tv_values ORDER BY 1;

-- persistent views
CREATE VIEW sg_vw.v_eng COMMENT 'engineers' TBLPROPERTIES ('p' = 'q') AS
SELECT id, name FROM sg_vw.base WHERE dept = 'eng';

SELECT * FROM sg_vw.v_eng ORDER BY id;

SHOW TBLPROPERTIES sg_vw.v_eng;

DESCRIBE EXTENDED sg_vw.v_eng;

CREATE VIEW sg_vw.v_eng AS SELECT 1 AS x;

CREATE VIEW IF NOT EXISTS sg_vw.v_eng AS SELECT 1 AS x;

SELECT * FROM sg_vw.v_eng ORDER BY id;

CREATE OR REPLACE VIEW sg_vw.v_eng AS SELECT id, name, dept FROM sg_vw.base WHERE dept = 'eng';

SELECT * FROM sg_vw.v_eng ORDER BY id;

CREATE VIEW sg_vw.v_agg (dept, n COMMENT 'people') AS
SELECT dept, count(*) AS cnt FROM sg_vw.base GROUP BY dept;

-- a persistent view needs aliases for its expressions
CREATE VIEW sg_vw.v_noalias AS SELECT dept, count(*) FROM sg_vw.base GROUP BY dept;

SELECT * FROM sg_vw.v_agg ORDER BY dept;

DESCRIBE sg_vw.v_agg;

DESCRIBE EXTENDED sg_vw.v_eng;

SHOW CREATE TABLE sg_vw.v_agg;

-- ALTER VIEW
ALTER VIEW sg_vw.v_agg SET TBLPROPERTIES ('k' = 'v');

SHOW TBLPROPERTIES sg_vw.v_agg;

ALTER VIEW sg_vw.v_agg RENAME TO sg_vw.v_agg2;

SELECT * FROM sg_vw.v_agg2 ORDER BY dept;

ALTER VIEW sg_vw.v_agg2 AS SELECT DISTINCT dept FROM sg_vw.base WHERE dept IS NOT NULL;

SELECT * FROM sg_vw.v_agg2 ORDER BY dept;

-- a view sees later changes of its table
INSERT INTO sg_vw.base VALUES (5, 'dee', 'eng');

SELECT * FROM sg_vw.v_eng ORDER BY id;

-- a persistent view cannot refer to a temporary view
CREATE VIEW sg_vw.v_bad AS SELECT * FROM tv_eng;

-- views in listings
-- sorted
SHOW VIEWS IN sg_vw;

-- sorted
SHOW VIEWS IN sg_vw LIKE 'v_e*';

-- sorted
SHOW TABLES IN sg_vw;

-- global temporary views
CREATE GLOBAL TEMPORARY VIEW sg_vw_global AS SELECT id FROM sg_vw.base WHERE id <= 2;

SELECT * FROM global_temp.sg_vw_global ORDER BY id;

SELECT * FROM sg_vw_global;

-- sorted
SHOW VIEWS IN global_temp LIKE 'sg_vw*';

DROP VIEW global_temp.sg_vw_global;

-- DROP VIEW
DROP VIEW tv_eng;

SELECT * FROM tv_eng;

DROP VIEW tv_eng;

DROP VIEW IF EXISTS tv_eng;

DROP VIEW sg_vw.v_eng;

SELECT * FROM sg_vw.v_eng;

DROP VIEW IF EXISTS sg_vw.v_eng;

-- DROP VIEW on a table is an error; DROP TABLE on a view drops it
DROP VIEW sg_vw.base;

DROP TABLE sg_vw.v_agg2;

-- a view over a dropped table fails when queried
CREATE TABLE sg_vw.gone (id INT) USING parquet;

CREATE VIEW sg_vw.v_gone AS SELECT * FROM sg_vw.gone;

DROP TABLE sg_vw.gone;

SELECT * FROM sg_vw.v_gone;

-- sorted
SHOW VIEWS IN sg_vw;

DROP DATABASE sg_vw CASCADE;
