// Package catalog is Spark's persistent session catalog (spark_catalog):
// the databases, tables and views of a warehouse directory, durable across
// restarts and shared by every session of the server (and by every Store
// opened on the same warehouse: a Store caches nothing, each call reads the
// metadata database).
//
// # Layout
//
//	<warehouse>/                       database "default" (its location)
//	<warehouse>/_ember/catalog.db      the metadata (SQLite, WAL mode)
//	<warehouse>/_ember/owners/*.lock   one flock-ed file per open Store
//	<warehouse>/<table>/               managed table of "default"
//	<warehouse>/<db>.db/<table>/       managed table of database <db>
//	<table>/k=v/part-00000-<id>.parquet   data files, Hive layout
//	<table>/.ember-staging-<id>/       a write in progress
//
// Names of databases and tables are case-insensitive and stored lower-case
// (Spark's Hive catalog does the same); column names keep their case.
// Schemas are stored in Spark's JSON schema format (types.ToJSON).
//
// # Why SQLite (modernc.org/sqlite), not JSON files
//
// The catalog's one hard promise is principle 8 of DESIGN.md: a write is
// switched on by ONE atomic metadata change, and a crash at any instant -
// kill -9, OOM kill, power loss - leaves the previous table readable. The
// metadata store must therefore give atomic, durable, multi-row
// transactions, and let several writers commit concurrently.
//
// SQLite gives exactly that. In WAL mode a transaction is committed when
// its commit frame is appended to the write-ahead log; a process killed
// before that point leaves frames that recovery ignores, and one killed
// after it has its transaction replayed. That holds for kill -9 because the
// kernel keeps what write() handed it; synchronous=FULL adds an fsync of
// the log at every commit, so it also holds across a power failure. BEGIN
// IMMEDIATE transactions serialize writers (busy_timeout makes them queue
// instead of failing) while readers keep reading the last committed state.
// One transaction can update a table's snapshot, its journal and its
// garbage list together, which is what makes the write protocol below
// simple. modernc.org/sqlite is SQLite translated to pure Go: no cgo, so
// this package builds and tests without a C toolchain or DuckDB, and it
// goes through the standard database/sql interface.
//
// JSON files (one per table, replaced with write-temp-then-rename) were
// rejected: rename is atomic for one file, but a commit touches several
// records (a replaced table and its successor, a snapshot and the list of
// files to delete, a database and its tables on DROP ... CASCADE), so every
// multi-file change would need a hand-written journal; durability needs
// fsyncs of file and directory that are easy to get wrong; two writers
// appending to one table need a lock plus read-modify-write; and every
// listing (SHOW TABLES, stats) means parsing every file. Those are the
// features a database already has. DuckDB itself was not used for the
// metadata because it is cgo (kept to the engine package) and because the
// catalog must stay usable when the engine is not.
//
// # Writes: the commit protocol
//
// A write (Store.BeginWrite, or Store.BeginCreateTable for CREATE TABLE AS
// SELECT) first journals itself (a row in "writes" naming its owner Store
// and its staging directory) and creates the staging directory
// <table>/.ember-staging-<id>/, hidden from every listing by its leading
// '.'. The engine writes the new files there. Write.Commit then:
//
//  1. fsyncs the staged files (the data must be durable before the
//     metadata that points at it);
//  2. journals the final path of every file ("intents"), chosen fresh and
//     unique (part-NNNNN-<write id>.<ext>, in k=v/ directories);
//  3. renames the files into the table directory and fsyncs the
//     directories - readers still ignore them: a managed table is read
//     from its committed file list, and the intents are hidden from the
//     listing of an external table;
//  4. in ONE transaction - the commit point - records the new snapshot
//     (Append: old files + new; Overwrite: new only; OverwritePartitions:
//     the partitions written, and any given static specs, are replaced),
//     bumps the table's version, moves replaced files to the garbage list
//     and deletes the write's journal rows.
//
// The transaction re-reads the table, so concurrent writers need no lock
// and no retry: appends all land, and of two overwrites the last to commit
// wins. A table dropped (or replaced) meanwhile fails the commit. Commits
// and DDL that move directories hold an in-process lock per warehouse so
// their file-system steps never interleave; metadata transactions are
// serialized by SQLite.
//
// A crash anywhere leaves the previous snapshot: before step 4 commits the
// metadata still names only the old files; after it, the new snapshot is
// complete on disk. What the crashed write left - the staging directory,
// files already moved in - is named by its journal rows, and Open undoes
// it: for each journalled write whose owner is dead it deletes the intent
// paths, removes the staging directory and then the rows. An owner is dead
// when the exclusive flock on its owners/<id>.lock file can be taken (the
// kernel drops flocks of a killed process); an Open that finds no other
// live Store (it gets the warehouse lock exclusively) treats them all as
// dead. The crash tests re-execute the test binary, kill -9 it at every
// step above (and at random instants of a stream of commits) and check
// that the reopened table is exactly the old or the new snapshot and that
// no orphan file is left.
//
// # Deleting replaced files: a grace period
//
// A query that planned with the previous snapshot may still be reading its
// files when a commit replaces them, so replaced files are not deleted at
// the commit: they are listed in "garbage" with the commit time and deleted
// once they are older than the grace period (Options.GracePeriod, default
// 10 minutes) by the next commit or a background janitor. An Open that is
// alone on the warehouse deletes all of them at once, since no reader of
// the previous process survives. DROP TABLE is Spark's: the managed
// directory is removed as soon as the drop commits (the removal is also
// journalled, and finished by Open after a crash). Renaming a managed table
// moves its directory, journalled the same way.
//
// # External tables
//
// External tables are read the way Spark reads them: their directory is
// listed at read time (skipping names starting with '_' or '.'), so files
// put there by other tools are seen. Files being moved in by an uncommitted
// write, and files an overwrite replaced that wait for deletion, are hidden
// from the listing; the table's epoch, bumped whenever that hidden set
// changes, is read before and after listing so a reader never mixes two
// states. A partitioned external table reads only its registered
// partitions, as in Spark: CREATE TABLE over existing directories
// registers none (RECOVER PARTITIONS, MSCK REPAIR or ADD PARTITION do),
// writes register what they wrote, and DROP PARTITION forgets one while
// its files stay. Dropping an external table keeps its data.
//
// # Partition locations
//
// A partition may live in a custom directory (ALTER TABLE ... ADD
// PARTITION ... LOCATION, ALTER TABLE ... PARTITION ... SET LOCATION),
// recorded in the partitions table. Such a partition is read by listing
// its directory at read time, for managed and external tables alike (its
// files are not in the committed file list), with the partition values the
// catalog holds, whatever the directory is called. Writes to it stage as
// usual and move their files into that directory under the same commit
// protocol (the intents name the final paths there, so readers and
// recovery treat them like any other); an overwrite puts the files it
// replaces there on the garbage list. DROP PARTITION deletes the
// directory of a managed table's partition at once, as Spark does, and
// keeps an external table's data. SET LOCATION moves no file: the old ones
// stay where they are.
//
// # Bucketing
//
// Bucket specs (CLUSTERED BY ... INTO n BUCKETS) are kept in a hidden
// table property (BucketSpecProperty) and shown as Spark shows them; the
// data is written without physical bucketing (see BucketSpec).
//
// # Not modelled
//
// Table owners and access times, column statistics, partition-level
// properties, Hive SerDe tables, and the
// spark.sql.hive.manageFilesourcePartitions behaviour (Spark shows only
// registered partitions of a catalog table; Ember shows what is on disk).
package catalog
