// Command ember runs Ember, a Spark Connect server that executes Spark
// DataFrame and SQL workloads on embedded DuckDB for unmodified Spark
// Connect clients (PySpark 3.5 and 4.x).
//
//	ember serve [--addr 127.0.0.1:15002] [--warehouse ./ember-warehouse]
//	            [--log-level info] [--session-timeout 1h] [--pprof host:port]
//	ember version
//	ember help [command]
//
// serve builds the execution core (package executor) over the warehouse
// directory, wraps it in the protocol server (package server) and serves
// gRPC with the message limits Spark Connect clients need. Session
// artifacts live in a temporary directory removed at exit. SIGINT or
// SIGTERM stop the server gracefully; streams still running after a few
// seconds have their operations cancelled.
package main
