-- ALTER TABLE ... ALTER|CHANGE COLUMN on a data source table: the comment
-- changes; types, positions and nullability are refused as Spark refuses
-- them for its v1 tables.
-- Objects: database sg_altcol.

CREATE DATABASE sg_altcol;

CREATE TABLE sg_altcol.t (a INT, b STRING, c VARCHAR(5), s STRUCT<x: INT>) USING parquet;

ALTER TABLE sg_altcol.t ALTER COLUMN a TYPE BIGINT;

ALTER TABLE sg_altcol.t CHANGE COLUMN b b INT;

ALTER TABLE sg_altcol.t ALTER COLUMN c TYPE STRING;

-- the same type is accepted, in any spelling and case
ALTER TABLE sg_altcol.t ALTER COLUMN A TYPE integer;

ALTER TABLE sg_altcol.t CHANGE COLUMN c c VARCHAR(5);

ALTER TABLE sg_altcol.t CHANGE b b STRING COMMENT 'bee';

ALTER TABLE sg_altcol.t CHANGE COLUMN a TYPE INT;

DESCRIBE sg_altcol.t;

ALTER TABLE sg_altcol.t CHANGE COLUMN a renamed INT;

ALTER TABLE sg_altcol.t ALTER COLUMN a FIRST;

ALTER TABLE sg_altcol.t CHANGE a a INT COMMENT 'y' AFTER b;

ALTER TABLE sg_altcol.t ALTER COLUMN a DROP NOT NULL;

ALTER TABLE sg_altcol.t ALTER COLUMN b SET NOT NULL;

ALTER TABLE sg_altcol.t ALTER COLUMN s.x TYPE BIGINT;

ALTER TABLE sg_altcol.t ALTER COLUMN zz TYPE BIGINT;

ALTER TABLE sg_altcol.t ALTER COLUMN a TYPE INT COMMENT 'z';

DESCRIBE sg_altcol.t;

DROP DATABASE sg_altcol CASCADE;
