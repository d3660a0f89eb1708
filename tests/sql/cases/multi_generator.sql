-- Several generators in one SELECT: each runs over the rows of the one
-- before (a cartesian product in select-list order).

SELECT explode(array(1,2)), posexplode(array('x'));

SELECT explode(array(1,2)) AS a, explode(array(10, 20)) AS b;

SELECT id, explode(array(id, id + 1)) AS a, explode_outer(array()) AS b FROM range(2);

