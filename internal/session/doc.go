// Package session holds one Spark session's state: its owner, its SQL conf,
// its temporary views and its artifacts. The server creates sessions and
// routes requests to them; the analyzer and engine read conf and views.
//
// A session is identified the way Spark identifies it: by the pair
// (user_id, session_id) from the request's UserContext and session_id. The
// server also gives every incarnation a server-side session id (a UUID that
// changes when a session is dropped and recreated), which clients echo back
// to notice a server restart.
//
// Conf is a session's SQL configuration. Values a client sets explicitly
// sit over defaults; the defaults (defaults.go) are the values Spark reports
// for the confs PySpark and Ember read, chosen per client major version (a
// 3.5 client gets Spark 3.5's defaults, e.g. ANSI mode off), plus a few the
// server fills in from its own configuration (warehouse directory, the
// machine's time zone). defaults.go also holds Spark's validation rules for
// Config.Set: static confs cannot change, booleans and enumerations are
// checked, and the session time zone must resolve.
package session
