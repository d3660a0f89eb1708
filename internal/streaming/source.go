package streaming

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// source is one StreamSource of a running query: it knows which rows it
// has handed out (its committed offset) and which are new.
type source struct {
	node *logical.StreamSource
	kind string

	// rate and rate-micro-batch
	rowsPerSecond int64
	rampUp        int64 // seconds
	rowsPerBatch  int64
	startMillis   int64 // rate-micro-batch: timestamp of batch 0
	advanceMillis int64 // rate-micro-batch: timestamp step per batch
	started       time.Time
	numPartitions int64
	committed     int64 // seconds (rate) or batches (rate-micro-batch) done
	rangeAttr     logical.Attr

	// files
	dir      string
	maxFiles int
	seen     map[string]bool
	logIndex int64 // batches of files committed (the source's offset)

	// table: the catalog table and how to read its current files
	db, table   string
	currentScan func(db, table string) (*logical.TableScan, error)
	scan        *logical.TableScan

	// availableNow: the end of what was available at start
	capped   bool
	capRows  int64           // rate: rows; rate-micro-batch: batches
	capFiles map[string]bool // files

	// the batch being planned
	pendingFiles []string
	pendingRows  int64
	pendingEnd   int64

	// staging tables (set by the query)
	batchTable, allTable string
	cols                 []string
}

func newSource(n *logical.StreamSource, now time.Time) (*source, error) {
	s := &source{node: n, kind: n.Format, started: now}
	opt := func(k string, def int64) (int64, error) {
		v, ok := n.Options[strings.ToLower(k)]
		if !ok {
			return def, nil
		}
		i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return 0, sparkerr.Unclassified(sparkerr.IllegalArgument, fmt.Sprintf("Invalid value '%s' for option '%s', must be an integer", v, k))
		}
		return i, nil
	}
	var err error
	switch n.Format {
	case "rate":
		if s.rowsPerSecond, err = opt("rowsPerSecond", 1); err != nil {
			return nil, err
		}
		if s.rowsPerSecond <= 0 {
			return nil, sparkerr.Unclassified(sparkerr.IllegalArgument, fmt.Sprintf("Invalid value '%d'. The option 'rowsPerSecond' must be positive", s.rowsPerSecond))
		}
		if s.numPartitions, err = opt("numPartitions", 0); err != nil {
			return nil, err
		}
		ramp := n.Options["rampuptime"]
		if ramp != "" {
			d, perr := parseDuration(ramp)
			if perr != nil {
				return nil, sparkerr.Unclassified(sparkerr.IllegalArgument, "Invalid value '"+ramp+"' for option 'rampUpTime'")
			}
			s.rampUp = int64(d / time.Second)
		}
	case "rate-micro-batch":
		if _, ok := n.Options["rowsperbatch"]; !ok {
			return nil, sparkerr.Unclassified(sparkerr.IllegalArgument, "Invalid value 'null'. The option 'rowsPerBatch' must be positive")
		}
		if s.rowsPerBatch, err = opt("rowsPerBatch", 0); err != nil {
			return nil, err
		}
		if s.rowsPerBatch <= 0 {
			return nil, sparkerr.Unclassified(sparkerr.IllegalArgument, fmt.Sprintf("Invalid value '%d'. The option 'rowsPerBatch' must be positive", s.rowsPerBatch))
		}
		if s.numPartitions, err = opt("numPartitions", 0); err != nil {
			return nil, err
		}
		if s.startMillis, err = opt("startTimestamp", 0); err != nil {
			return nil, err
		}
		if s.advanceMillis, err = opt("advanceMillisPerBatch", 1000); err != nil {
			return nil, err
		}
	case "parquet", "csv", "json", "text":
		if len(n.Paths) != 1 {
			p := n.Options["path"]
			if p == "" {
				return nil, sparkerr.Unclassified(sparkerr.IllegalArgument, "'path' is not specified")
			}
			s.dir = p
		} else {
			s.dir = n.Paths[0]
		}
		s.dir = strings.TrimPrefix(strings.TrimPrefix(s.dir, "file://"), "file:")
		maxFiles, err := opt("maxFilesPerTrigger", 0)
		if err != nil {
			return nil, err
		}
		s.maxFiles = int(maxFiles)
		s.seen = map[string]bool{}
	case "table":
		s.db, s.table = n.Options["__db"], n.Options["__table"]
		s.seen = map[string]bool{}
	case "socket":
		return nil, sparkerr.Unsupported("the socket streaming source")
	default:
		return nil, sparkerr.Unsupported("the " + n.Format + " streaming source")
	}
	return s, nil
}

// rateSeconds is the rate source's offset at now: whole seconds since it
// started (rows appear a second at a time).
func (s *source) rateSeconds(now time.Time) int64 {
	d := now.Sub(s.started)
	if d < 0 {
		return 0
	}
	return int64(d / time.Second)
}

// rateValueAt is how many rows the rate source has produced after sec
// seconds. During rampUp seconds the speed grows by rowsPerSecond /
// (rampUp+1) every second (an arithmetic series); after it, every
// second adds rowsPerSecond.
func (s *source) rateValueAt(sec int64) int64 {
	if s.rampUp <= 0 {
		return sec * s.rowsPerSecond
	}
	step := s.rowsPerSecond / (s.rampUp + 1)
	if sec <= s.rampUp {
		return step * sec * (sec + 1) / 2
	}
	return step*s.rampUp*(s.rampUp+1)/2 + (sec-s.rampUp)*s.rowsPerSecond
}

// capAvailable limits the source to what is available now
// (Trigger.AvailableNow): rate-micro-batch offers one more batch.
func (s *source) capAvailable(now time.Time) error {
	s.capped = true
	switch s.kind {
	case "rate":
		s.capRows = s.rateSeconds(now)
	case "rate-micro-batch":
		s.capRows = s.committed + 1
	default:
		files, err := s.listNew()
		if err != nil {
			return err
		}
		s.capFiles = map[string]bool{}
		for _, f := range files {
			s.capFiles[f] = true
		}
	}
	return nil
}

// poll decides the rows of the next batch; it reports whether there are
// any.
func (s *source) poll(now time.Time) (bool, error) {
	switch s.kind {
	case "rate":
		// committed and pendingEnd are seconds here.
		end := s.rateSeconds(now)
		if s.capped && end > s.capRows {
			end = s.capRows
		}
		s.pendingEnd = end
		s.pendingRows = s.rateValueAt(end) - s.rateValueAt(s.committed)
		return s.pendingRows > 0, nil
	case "rate-micro-batch":
		if s.capped && s.committed >= s.capRows {
			return false, nil
		}
		s.pendingRows = s.rowsPerBatch
		s.pendingEnd = s.committed + 1
		return true, nil
	default:
		files, err := s.listNew()
		if err != nil {
			return false, err
		}
		if s.capped {
			kept := files[:0]
			for _, f := range files {
				if s.capFiles[f] {
					kept = append(kept, f)
				}
			}
			files = kept
		}
		if s.maxFiles > 0 && len(files) > s.maxFiles {
			files = files[:s.maxFiles]
		}
		s.pendingFiles = files
		return len(files) > 0, nil
	}
}

// listNew lists the data files not processed yet: the directory's, or
// those of the table's current snapshot.
func (s *source) listNew() ([]string, error) {
	if s.kind != "table" {
		return s.newFiles()
	}
	if s.currentScan == nil {
		return nil, sparkerr.Internal("table stream source without a catalog")
	}
	ts, err := s.currentScan(s.db, s.table)
	if err != nil {
		return nil, err
	}
	if len(ts.Attrs) != len(s.node.Attrs) {
		return nil, sparkerr.Unsupported("a streamed table whose columns changed while the query runs")
	}
	s.scan = ts
	var out []string
	for _, f := range ts.Files {
		if !s.seen[f] {
			out = append(out, f)
		}
	}
	return out, nil
}

// newFiles lists the data files not seen yet, oldest first: the
// directory's files, or the files a glob pattern matches. Names starting
// with '_' or '.' are metadata or files still being written.
func (s *source) newFiles() ([]string, error) {
	type file struct {
		path string
		mod  time.Time
	}
	var out []file
	add := func(p string, info os.FileInfo) error {
		name := filepath.Base(p)
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || s.seen[p] {
			return nil
		}
		if info.IsDir() {
			return sparkerr.Unsupported("streaming from a directory with subdirectories (partitioned file sources): " + p)
		}
		out = append(out, file{p, info.ModTime()})
		return nil
	}
	if strings.ContainsAny(s.dir, "*?[{") {
		matches, err := filepath.Glob(s.dir)
		if err != nil {
			return nil, sparkerr.Unclassified(sparkerr.IllegalArgument, "Invalid path pattern "+s.dir+": "+err.Error())
		}
		for _, m := range matches {
			info, err := os.Stat(m)
			if err != nil {
				continue
			}
			if info.IsDir() {
				// A pattern naming directories streams their files.
				entries, err := os.ReadDir(m)
				if err != nil {
					continue
				}
				for _, e := range entries {
					if fi, err := e.Info(); err == nil {
						if err := add(filepath.Join(m, e.Name()), fi); err != nil {
							return nil, err
						}
					}
				}
				continue
			}
			if err := add(m, info); err != nil {
				return nil, err
			}
		}
	} else {
		entries, err := os.ReadDir(s.dir)
		if err != nil {
			if os.IsNotExist(err) {
				return nil, nil
			}
			return nil, sparkerr.Internal("listing %s: %v", s.dir, err)
		}
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				continue
			}
			if err := add(filepath.Join(s.dir, e.Name()), info); err != nil {
				return nil, err
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].mod.Equal(out[j].mod) {
			return out[i].mod.Before(out[j].mod)
		}
		return out[i].path < out[j].path
	})
	paths := make([]string, len(out))
	for i, f := range out {
		paths[i] = f.path
	}
	return paths, nil
}

// batchPlan is the source's new rows as a plan with the StreamSource's
// output attributes.
func (s *source) batchPlan() logical.Plan {
	n := s.node
	switch s.kind {
	case "rate", "rate-micro-batch":
		var start, end int64
		var ts logical.Expr
		s.rangeAttr = logical.Attr{ID: logical.NewID(), Name: "id", Type: types.Long}
		if s.kind == "rate" {
			start, end = s.rateValueAt(s.committed), s.rateValueAt(s.pendingEnd)
			ts = s.rateTimestamps(start, end)
		} else {
			start, end = s.committed*s.rowsPerBatch, (s.committed+1)*s.rowsPerBatch
			ms := s.startMillis + s.committed*s.advanceMillis
			ts = &logical.Lit{T: types.Timestamp, V: plan.Timestamp(ms * 1000)}
		}
		id := s.rangeAttr
		rng := &logical.Range{Start: start, End: end, Step: 1, NumPartitions: s.numPartitions, Attr: id}
		exprs := make([]logical.Named, 0, len(n.Attrs))
		for _, at := range n.Attrs {
			if at.Name == "value" {
				exprs = append(exprs, logical.Named{Attr: at, Expr: &logical.ColRef{Attr: id}})
			} else {
				exprs = append(exprs, logical.Named{Attr: at, Expr: ts})
			}
		}
		return &logical.Project{Input: rng, Exprs: exprs}
	case "table":
		ts := *s.scan
		ts.Files = s.pendingFiles
		ts.Attrs = n.Attrs
		return &ts
	default:
		schema := logical.Schema(n.Attrs)
		return &logical.FileScan{Format: s.kind, Paths: s.pendingFiles, Options: n.Options,
			Attrs: n.Attrs, Columns: schema.Names(), Schema: schema}
	}
}

// rateTimestamps spreads the batch's seconds evenly over its rows: row
// v of [start, end) is stamped startOfBatch + (v-start)*span/(end-start)
// milliseconds (integer arithmetic; whole-batch time when the expression
// cannot be built).
func (s *source) rateTimestamps(start, end int64) logical.Expr {
	base := s.started.UnixMilli() + s.committed*1000
	span := (s.pendingEnd - s.committed) * 1000
	whole := &logical.Lit{T: types.Timestamp, V: plan.Timestamp(base * 1000)}
	if end <= start || span <= 0 {
		return whole
	}
	lit := func(v int64) logical.Expr {
		return &logical.Lit{T: types.Long, V: v, Text: strconv.FormatInt(v, 10)}
	}
	fctx := &functions.Ctx{}
	var e logical.Expr = &logical.ColRef{Attr: s.rangeAttr}
	for _, step := range []struct {
		fn  string
		arg int64
	}{{"-", start}, {"*", span}, {"div", end - start}, {"+", base}} {
		next, err := functions.Call(fctx, step.fn, []logical.Expr{e, lit(step.arg)}, false)
		if err != nil {
			return whole
		}
		e = next
	}
	out, err := functions.Call(fctx, "timestamp_millis", []logical.Expr{e}, false)
	if err != nil {
		return whole
	}
	return out
}

// commit marks the planned rows as processed.
func (s *source) commit() {
	switch s.kind {
	case "rate":
		s.committed = s.pendingEnd
	case "rate-micro-batch":
		s.committed++
	default:
		for _, f := range s.pendingFiles {
			s.seen[f] = true
		}
		s.logIndex++
		s.pendingFiles = nil
	}
}

// offsets are the source's start and end offsets of the planned batch as
// Spark reports them (JSON text; start is nil before the first batch).
func (s *source) offsets() (start, end any) {
	switch s.kind {
	case "rate":
		if s.committed > 0 {
			start = strconv.FormatInt(s.committed, 10)
		}
		return start, strconv.FormatInt(s.pendingEnd, 10)
	case "rate-micro-batch":
		mk := func(b int64) string {
			j, _ := json.Marshal(map[string]int64{"offset": b * s.rowsPerBatch, "timestamp": s.startMillis + b*s.advanceMillis})
			return string(j)
		}
		if s.committed > 0 {
			start = mk(s.committed)
		}
		return start, mk(s.committed + 1)
	default:
		mk := func(i int64) string { return fmt.Sprintf(`{"logOffset":%d}`, i) }
		if s.logIndex > 0 {
			start = mk(s.logIndex - 1)
		}
		return start, mk(s.logIndex)
	}
}

// lastOffsets are the offsets of the last committed batch (a batch
// without new data reports its end as both start and end).
func (s *source) lastOffsets() (start, end any) {
	switch s.kind {
	case "rate":
		if s.committed == 0 {
			return nil, nil
		}
		return nil, strconv.FormatInt(s.committed, 10)
	case "rate-micro-batch":
		if s.committed == 0 {
			return nil, nil
		}
		j, _ := json.Marshal(map[string]int64{"offset": s.committed * s.rowsPerBatch, "timestamp": s.startMillis + s.committed*s.advanceMillis})
		return nil, string(j)
	default:
		if s.logIndex == 0 {
			return nil, nil
		}
		return nil, fmt.Sprintf(`{"logOffset":%d}`, s.logIndex-1)
	}
}

// description names the source in progress reports as Spark does.
func (s *source) description() string {
	switch s.kind {
	case "rate":
		return fmt.Sprintf("RateStreamV2[rowsPerSecond=%d, rampUpTimeSeconds=%d, numPartitions=%s", s.rowsPerSecond, s.rampUp, partitionsText(s.numPartitions))
	case "rate-micro-batch":
		return fmt.Sprintf("RatePerMicroBatchStream[rowsPerBatch=%d, numPartitions=%s, startTimestamp=%d, advanceMsPerBatch=%d]",
			s.rowsPerBatch, partitionsText(s.numPartitions), s.startMillis, s.advanceMillis)
	}
	if s.kind == "table" {
		return "FileStreamSource[" + s.db + "." + s.table + "]"
	}
	abs, _ := filepath.Abs(s.dir)
	return "FileStreamSource[file:" + abs + "]"
}

func partitionsText(n int64) string {
	if n <= 0 {
		return "default"
	}
	return strconv.FormatInt(n, 10)
}

// parseDuration reads "5s", "5 seconds", "1 minute", "100 milliseconds"
// or a plain number of seconds.
func parseDuration(text string) (time.Duration, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	t = strings.TrimPrefix(t, "interval ")
	if d, err := time.ParseDuration(strings.ReplaceAll(t, " ", "")); err == nil {
		return d, nil
	}
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	fields := strings.Fields(t)
	if len(fields)%2 != 0 || len(fields) == 0 {
		return 0, fmt.Errorf("invalid interval %q", text)
	}
	var total time.Duration
	for i := 0; i < len(fields); i += 2 {
		n, err := strconv.ParseFloat(fields[i], 64)
		if err != nil {
			return 0, fmt.Errorf("invalid interval %q", text)
		}
		unit := strings.TrimSuffix(fields[i+1], "s")
		var u time.Duration
		switch unit {
		case "microsecond":
			u = time.Microsecond
		case "millisecond", "milli":
			u = time.Millisecond
		case "second", "sec":
			u = time.Second
		case "minute", "min":
			u = time.Minute
		case "hour":
			u = time.Hour
		case "day":
			u = 24 * time.Hour
		case "week":
			u = 7 * 24 * time.Hour
		default:
			return 0, fmt.Errorf("invalid interval unit in %q", text)
		}
		total += time.Duration(n * float64(u))
	}
	return total, nil
}
