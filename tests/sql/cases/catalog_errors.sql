-- Errors of catalog statements: not found, already exists, non-empty schema,
-- wrong object type, INSERT arity. Each statement's error class, SQLSTATE and
-- first message line are compared.
-- Objects: database sg_err.

CREATE DATABASE sg_err;

CREATE TABLE sg_err.t (id INT, v STRING) USING parquet;

CREATE VIEW sg_err.vw AS SELECT id FROM sg_err.t;

-- TABLE_OR_VIEW_NOT_FOUND
SELECT * FROM sg_err.missing;

SELECT * FROM missing_in_default;

DROP TABLE sg_err.missing;

DROP VIEW sg_err.missing;

DESCRIBE TABLE sg_err.missing;

ALTER TABLE sg_err.missing ADD COLUMNS (x INT);

ALTER TABLE sg_err.missing SET TBLPROPERTIES ('a' = 'b');

SHOW TBLPROPERTIES sg_err.missing;

INSERT INTO sg_err.missing VALUES (1);

INSERT OVERWRITE sg_err.missing SELECT 1;

-- SCHEMA_NOT_FOUND
SELECT * FROM sg_err_missing.t;

CREATE TABLE sg_err_missing.t (id INT) USING parquet;

CREATE VIEW sg_err_missing.v AS SELECT 1 AS x;

SHOW TABLES IN sg_err_missing;

SHOW VIEWS IN sg_err_missing;

DROP SCHEMA sg_err_missing;

DROP SCHEMA sg_err_missing CASCADE;

DESCRIBE SCHEMA sg_err_missing;

-- TABLE_OR_VIEW_ALREADY_EXISTS
CREATE TABLE sg_err.t (id INT) USING parquet;

CREATE TABLE sg_err.vw (id INT) USING parquet;

CREATE VIEW sg_err.t AS SELECT 1 AS x;

CREATE VIEW sg_err.vw AS SELECT 1 AS x;

CREATE TABLE sg_err.t USING parquet AS SELECT 1 AS id;

ALTER TABLE sg_err.vw RENAME TO sg_err.t;

-- SCHEMA_ALREADY_EXISTS
CREATE SCHEMA sg_err;

CREATE DATABASE sg_err COMMENT 'again';

-- dropping a non-empty schema without CASCADE
DROP SCHEMA sg_err;

DROP DATABASE sg_err RESTRICT;

-- INSERT arity
INSERT INTO sg_err.t VALUES (1);

INSERT INTO sg_err.t VALUES (1, 'a', 'b');

INSERT INTO sg_err.t SELECT 1, 2, 3;

INSERT OVERWRITE sg_err.t VALUES (1);

INSERT INTO sg_err.t (id) VALUES (1, 'a');

-- wrong object type
ALTER VIEW sg_err.t AS SELECT 1 AS x;

ALTER TABLE sg_err.vw ADD COLUMNS (x INT);

TRUNCATE TABLE sg_err.vw;

SHOW PARTITIONS sg_err.vw;

DROP VIEW sg_err.t;

-- (DROP TABLE of a view is allowed in the session catalog)
DROP TABLE sg_err.vw;

-- syntax and unsupported
CREATE TABLE sg_err.bad (id INT) USING nosuchformat;

SELECT * FROM sg_err.bad;

CREATE TABLE sg_err.bad2 (id INT USING parquet;

SHOW TABLES IN sg_err;

DROP DATABASE sg_err CASCADE;
