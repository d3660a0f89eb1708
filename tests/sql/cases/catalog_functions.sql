-- CREATE / DROP [TEMPORARY] FUNCTION metadata, SHOW USER FUNCTIONS,
-- DESCRIBE FUNCTION of user functions, and calling one whose class cannot
-- be loaded. Class names are made up: no JVM class backs them.

CREATE DATABASE sg_catfn;

CREATE FUNCTION sg_catfn.f_one AS 'org.example.ember.NoSuchUpper';

CREATE FUNCTION sg_catfn.f_one AS 'org.example.ember.Other';

CREATE FUNCTION IF NOT EXISTS sg_catfn.f_one AS 'org.example.ember.Other';

CREATE FUNCTION sg_catfn.F_Two AS 'org.example.ember.NoSuchTwo' USING JAR '/nonexistent/ember-udf.jar', FILE '/nonexistent/data.txt';

CREATE FUNCTION sg_catfn_missing.f AS 'org.example.ember.X';

CREATE OR REPLACE FUNCTION IF NOT EXISTS sg_catfn.f_one AS 'org.example.ember.X';

-- sorted
SHOW USER FUNCTIONS IN sg_catfn;

SHOW USER FUNCTIONS IN sg_catfn LIKE 'f_t*';

DESCRIBE FUNCTION sg_catfn.f_one;

DESCRIBE FUNCTION EXTENDED sg_catfn.f_two;

CREATE OR REPLACE FUNCTION sg_catfn.f_one AS 'org.example.ember.Replaced';

DESCRIBE FUNCTION sg_catfn.f_one;

SELECT sg_catfn.f_one('a');

SELECT sg_catfn.f_nope('a');

USE sg_catfn;

SELECT f_one(1) AS x;

DESCRIBE FUNCTION f_one;

-- sorted
SHOW USER FUNCTIONS;

CREATE TEMPORARY FUNCTION t_fn AS 'org.example.ember.NoSuchTemp';

CREATE TEMPORARY FUNCTION sg_catfn.t_fn AS 'org.example.ember.NoSuchTemp';

CREATE TEMPORARY FUNCTION IF NOT EXISTS t_fn AS 'org.example.ember.NoSuchTemp';

DROP TEMPORARY FUNCTION t_fn;

DROP TEMPORARY FUNCTION IF EXISTS t_fn;

DROP TEMPORARY FUNCTION sg_catfn.f_one;

DESCRIBE FUNCTION sg_catfn_nope_fn;

DROP DATABASE sg_catfn;

DROP FUNCTION sg_catfn.f_one;

DROP FUNCTION sg_catfn.f_one;

DROP FUNCTION IF EXISTS sg_catfn.f_one;

DROP FUNCTION f_two;

-- sorted
SHOW USER FUNCTIONS IN sg_catfn;

USE default;

DROP DATABASE sg_catfn CASCADE;
