-- INSERT INTO / INSERT OVERWRITE with VALUES and SELECT, column lists,
-- TRUNCATE TABLE, arity and type errors.
-- Objects: database sg_ins.

CREATE DATABASE sg_ins;

CREATE TABLE sg_ins.t (id INT, name STRING, score DOUBLE) USING parquet;

INSERT INTO sg_ins.t VALUES (1, 'a', 1.0), (2, 'b', NULL);

INSERT INTO TABLE sg_ins.t VALUES (3, NULL, 3.5);

INSERT INTO sg_ins.t SELECT id + 10, upper(name), score * 2 FROM sg_ins.t WHERE id <= 2;

SELECT * FROM sg_ins.t ORDER BY id;

-- values are cast to the column types where the store assignment policy allows it
INSERT INTO sg_ins.t VALUES (20, 42, 7);

INSERT INTO sg_ins.t VALUES (CAST(21 AS BIGINT), 'x', 1.5F);

SELECT * FROM sg_ins.t WHERE id >= 20 ORDER BY id;

INSERT INTO sg_ins.t VALUES ('22', 'y', 1.0);

-- column lists: any order, missing columns become NULL
INSERT INTO sg_ins.t (name, id) VALUES ('listed', 30);

INSERT INTO sg_ins.t (score, id, name) SELECT 9.5, 31, 'sel';

SELECT * FROM sg_ins.t WHERE id >= 30 ORDER BY id;

INSERT INTO sg_ins.t (id, nope) VALUES (1, 'x');

INSERT INTO sg_ins.t (id, id) VALUES (1, 2);

-- wrong number of values
INSERT INTO sg_ins.t VALUES (1, 'a');

INSERT INTO sg_ins.t VALUES (1, 'a', 1.0, 'extra');

INSERT INTO sg_ins.t SELECT 1;

INSERT INTO sg_ins.t (id, name) VALUES (1);

-- into something that does not exist
INSERT INTO sg_ins.nope VALUES (1);

INSERT INTO sg_ins_nope.t VALUES (1);

-- INSERT OVERWRITE replaces all rows
INSERT OVERWRITE sg_ins.t VALUES (100, 'over', 0.5);

SELECT * FROM sg_ins.t ORDER BY id;

INSERT OVERWRITE TABLE sg_ins.t SELECT id, name, score FROM VALUES (200, 'x', 1.0D), (201, 'y', 2.0D) AS v(id, name, score);

SELECT * FROM sg_ins.t ORDER BY id;

-- reading and overwriting the same table
INSERT OVERWRITE sg_ins.t SELECT * FROM sg_ins.t;

-- other formats
CREATE TABLE sg_ins.j (id INT, v STRING) USING json;

INSERT INTO sg_ins.j VALUES (1, 'x'), (2, NULL);

INSERT INTO sg_ins.j SELECT id + 1, v FROM sg_ins.j;

SELECT * FROM sg_ins.j ORDER BY id, v;

CREATE TABLE sg_ins.c (id INT, v STRING) USING csv;

INSERT INTO sg_ins.c VALUES (1, 'a,b'), (2, '');

SELECT * FROM sg_ins.c ORDER BY id;

-- TRUNCATE TABLE
TRUNCATE TABLE sg_ins.t;

SELECT count(*) FROM sg_ins.t;

INSERT INTO sg_ins.t VALUES (1, 'again', NULL);

SELECT * FROM sg_ins.t;

TRUNCATE TABLE sg_ins.nope;

-- INSERT into a view is an error
CREATE VIEW sg_ins.v AS SELECT * FROM sg_ins.t;

INSERT INTO sg_ins.v VALUES (1, 'a', 1.0);

TRUNCATE TABLE sg_ins.v;

DROP DATABASE sg_ins CASCADE;
