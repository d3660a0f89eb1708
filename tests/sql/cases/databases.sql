-- CREATE / ALTER / DROP DATABASE|SCHEMA, USE, SHOW DATABASES, DESCRIBE DATABASE.
-- Objects: databases sg_db_*; a location under $TMP (the file's scratch dir).

CREATE DATABASE sg_db_plain;

CREATE SCHEMA IF NOT EXISTS sg_db_props
  COMMENT 'database with properties'
  WITH DBPROPERTIES ('owner.team' = 'data', 'purpose' = 'tests');

CREATE DATABASE sg_db_loc COMMENT 'located' LOCATION '$TMP/sg_db_loc_dir';

-- already exists: tolerated with IF NOT EXISTS, an error without
CREATE DATABASE IF NOT EXISTS sg_db_plain;

CREATE SCHEMA sg_db_plain;

-- sorted
SHOW DATABASES LIKE 'sg_db_*';

-- sorted
SHOW SCHEMAS LIKE 'sg_db_p*';

SHOW DATABASES LIKE 'sg_db_loc|sg_db_plain';

DESCRIBE DATABASE sg_db_plain;

DESCRIBE DATABASE EXTENDED sg_db_props;

DESC SCHEMA EXTENDED sg_db_loc;

ALTER DATABASE sg_db_props SET DBPROPERTIES ('purpose' = 'changed', 'extra' = '1');

DESCRIBE DATABASE EXTENDED sg_db_props;

ALTER SCHEMA sg_db_plain SET DBPROPERTIES ('k' = 'v');

DESCRIBE SCHEMA EXTENDED sg_db_plain;

-- USE switches the current database
SELECT current_database();

USE sg_db_plain;

SELECT current_database(), current_schema();

CREATE TABLE in_current (id INT) USING parquet;

SHOW TABLES;

USE SCHEMA sg_db_props;

SELECT current_database();

SHOW TABLES;

SHOW TABLES IN sg_db_plain;

USE default;

USE sg_db_nope;

SELECT current_database();

-- a non-empty database cannot be dropped without CASCADE
DROP DATABASE sg_db_plain;

DROP DATABASE sg_db_plain RESTRICT;

DROP DATABASE sg_db_plain CASCADE;

DROP DATABASE sg_db_plain;

DROP DATABASE IF EXISTS sg_db_plain;

DESCRIBE DATABASE sg_db_plain;

ALTER DATABASE sg_db_plain SET DBPROPERTIES ('a' = 'b');

DROP SCHEMA sg_db_props;

DROP SCHEMA IF EXISTS sg_db_loc CASCADE;

-- sorted
SHOW DATABASES LIKE 'sg_db_*';

DROP DATABASE IF EXISTS sg_db_props CASCADE;
