*+2)
‡R"
select 1 where 2 > :v"	
v
0