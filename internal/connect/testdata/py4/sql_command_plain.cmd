*2
ˆR
show tables