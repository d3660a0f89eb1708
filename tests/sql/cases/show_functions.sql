-- SHOW FUNCTIONS scopes and patterns, and function lookups through SQL.
-- Patterns are chosen to match only functions Ember implements.

SHOW USER FUNCTIONS;

SHOW USER FUNCTIONS LIKE 'up*';

SHOW FUNCTIONS LIKE 'upper';

SHOW SYSTEM FUNCTIONS LIKE 'lower|upper';

SHOW ALL FUNCTIONS LIKE 'date_add';

SHOW FUNCTIONS 'substr*';

SELECT upper('spark'), lower('SPARK');
