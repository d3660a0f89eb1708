-- SQL PIVOT: implicit grouping by the columns the aggregates and the FOR
-- columns do not use, aliased values, several aggregates, several FOR
-- columns, expressions over aggregates, subqueries and joins in FROM, errors.

SELECT * FROM VALUES (1, 'a'), (2, 'b'), (1, 'c') AS t(k, v) PIVOT (max(v) FOR k IN (1, 2));

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20), (1, 'c', 30), (3, 'a', 5) AS t(k, v, x)
PIVOT (sum(x) FOR k IN (1 AS one, 2 AS two, 3)) ORDER BY v;

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20), (1, 'c', 30), (3, 'a', 5) AS t(k, v, x)
PIVOT (sum(x) AS s, count(x) FOR k IN (1 AS one, 2)) ORDER BY v;

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20), (1, 'c', 30), (3, 'a', 5) AS t(k, v, x)
PIVOT (sum(x) AS s, avg(x) AS a FOR k IN (1, 2)) ORDER BY v;

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20) AS t(k, v, x) PIVOT (sum(x), max(x) FOR k IN (1, 2)) ORDER BY v;

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20), (1, 'c', 30), (3, 'a', 5) AS t(k, v, x)
PIVOT (sum(x * 2) FOR (k, v) IN ((1, 'a') AS p1, (2, 'b') AS p2, (1, 'c')));

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20), (1, 'c', 30), (3, 'a', 5) AS t(k, v, x)
PIVOT (sum(x) + 1 AS s FOR k IN (1, 2)) ORDER BY v;

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20) AS t(k, v, x) PIVOT (sum(x) AS s FOR k IN (1, 2)) ORDER BY v;

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20), (2, 'a', 1) AS t(k, v, x) PIVOT (max(x) FOR k IN (1, 2)) ORDER BY v;

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20) AS t(k, v, x) PIVOT (sum(x) FOR k IN ('1', 2)) ORDER BY v;

SELECT * FROM VALUES (DATE'2024-01-01', 'a', 10) AS t(k, v, x) PIVOT (sum(x) FOR k IN (DATE'2024-01-01', DATE'2024-01-02'));

SELECT * FROM (SELECT k, x FROM VALUES (1, 'a', 10), (2, 'b', 20), (1, 'c', 5) AS t(k, v, x)) PIVOT (sum(x) FOR k IN (1, 2));

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20) AS t(k, v, x) JOIN VALUES (1, 'z') AS u(k2, w) ON k = k2
PIVOT (sum(x) FOR k IN (1, 2)) ORDER BY v;

SELECT v, `1`, `2` FROM VALUES (1, 'a', 10), (2, 'b', 20) AS t(k, v, x) PIVOT (sum(x) FOR k IN (1, 2)) ORDER BY v;

-- errors: no aggregate, a non-literal value
SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20) AS t(k, v, x) PIVOT (x FOR k IN (1, 2));

SELECT * FROM VALUES (1, 'a', 10), (2, 'b', 20) AS t(k, v, x) PIVOT (sum(x) FOR k IN (x, 2));
