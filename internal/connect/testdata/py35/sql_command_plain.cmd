*
show tables