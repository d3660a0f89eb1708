-- DESCRIBE FUNCTION of built-in functions. Ember prints Function and Class
-- as Spark does but its own usage text, so this file is a known failure.

DESCRIBE FUNCTION abs;

DESCRIBE FUNCTION EXTENDED upper;

DESCRIBE FUNCTION `+`;
