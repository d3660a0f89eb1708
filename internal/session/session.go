package session

import (
	"strings"
	"sync"
	"time"

	"github.com/emberdb/ember/internal/plan"
)

// Session is one client session, keyed by (UserID, ID).
type Session struct {
	ID           string // client-chosen session id (UUID)
	UserID       string
	ServerSideID string // server-generated, constant for the session's life
	ClientType   string // e.g. "_SPARK_CONNECT_PYTHON spark/4.2.0 os/linux python/3.11.7"
	Conf         *Conf
	ArtifactDir  string // per-session directory; artifacts are stored below it

	mu        sync.Mutex
	tempViews map[string]plan.Relation    // lower-cased name -> unresolved plan
	remote    map[string]plan.Relation    // cached remote relations (checkpoints) by id
	udfs      map[string]*plan.PythonUDF  // spark.udf.register, by lower-cased name
	udtfs     map[string]*plan.PythonUDTF // spark.udtf.register, by lower-cased name
	currentDB string                      // current database of spark_catalog ("" = "default")
	lastUsed  time.Time
	// Engine holds the execution engine's per-session state (set by the engine).
	Engine any
}

// New creates a session with Spark's default conf for the client's version.
func New(id, userID, serverSideID, clientType, artifactDir string) *Session {
	return &Session{
		ID: id, UserID: userID, ServerSideID: serverSideID, ClientType: clientType,
		Conf: NewConf(ClientMajorVersion(clientType)), ArtifactDir: artifactDir,
		tempViews: map[string]plan.Relation{}, lastUsed: time.Now(),
	}
}

// ClientMajorVersion extracts the Spark major version ("3", "4") from a
// client_type string like "_SPARK_CONNECT_PYTHON spark/3.5.9 ..."; "4" if unknown.
func ClientMajorVersion(clientType string) string {
	for _, f := range strings.Fields(clientType) {
		if v, ok := strings.CutPrefix(f, "spark/"); ok && v != "" {
			return v[:1]
		}
	}
	return "4"
}

// Touch records activity (for idle expiry).
func (s *Session) Touch() {
	s.mu.Lock()
	s.lastUsed = time.Now()
	s.mu.Unlock()
}

// LastUsed is the time of the last request.
func (s *Session) LastUsed() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastUsed
}

// CurrentDatabase is the session's current database (USE db), lower-case.
func (s *Session) CurrentDatabase() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.currentDB == "" {
		return "default"
	}
	return s.currentDB
}

// SetCurrentDatabase changes the current database (the caller checked it exists).
func (s *Session) SetCurrentDatabase(db string) {
	s.mu.Lock()
	s.currentDB = strings.ToLower(db)
	s.mu.Unlock()
}

// TempView returns a temporary view's plan by (case-insensitive) name.
func (s *Session) TempView(name string) (plan.Relation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.tempViews[strings.ToLower(name)]
	return r, ok
}

// SetTempView creates or replaces a temporary view. With replace=false it
// reports false when the view already exists.
func (s *Session) SetTempView(name string, r plan.Relation, replace bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := strings.ToLower(name)
	if _, exists := s.tempViews[k]; exists && !replace {
		return false
	}
	s.tempViews[k] = r
	return true
}

// CachedRemote returns the relation kept under a cached remote relation id.
func (s *Session) CachedRemote(id string) (plan.Relation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.remote[id]
	return r, ok
}

// SetCachedRemote keeps a relation under a cached remote relation id.
func (s *Session) SetCachedRemote(id string, r plan.Relation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.remote == nil {
		s.remote = map[string]plan.Relation{}
	}
	s.remote[id] = r
}

// DropCachedRemote forgets a cached remote relation, returning it.
func (s *Session) DropCachedRemote(id string) (plan.Relation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.remote[id]
	delete(s.remote, id)
	return r, ok
}

// DropTempView removes a view, reporting whether it existed.
func (s *Session) DropTempView(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := strings.ToLower(name)
	_, ok := s.tempViews[k]
	delete(s.tempViews, k)
	return ok
}

// TempViewNames lists the temporary views.
func (s *Session) TempViewNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.tempViews))
	for k := range s.tempViews {
		out = append(out, k)
	}
	return out
}

// GlobalTempViews is the global_temp database shared by all sessions.
type GlobalTempViews struct {
	mu    sync.Mutex
	views map[string]plan.Relation
}

// Global is the process-wide global temp view registry.
var Global = &GlobalTempViews{views: map[string]plan.Relation{}}

func (g *GlobalTempViews) Get(name string) (plan.Relation, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	r, ok := g.views[strings.ToLower(name)]
	return r, ok
}

func (g *GlobalTempViews) Set(name string, r plan.Relation, replace bool) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	k := strings.ToLower(name)
	if _, exists := g.views[k]; exists && !replace {
		return false
	}
	g.views[k] = r
	return true
}

func (g *GlobalTempViews) Drop(name string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	k := strings.ToLower(name)
	_, ok := g.views[k]
	delete(g.views, k)
	return ok
}

// Names lists the global temporary views.
func (g *GlobalTempViews) Names() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]string, 0, len(g.views))
	for k := range g.views {
		out = append(out, k)
	}
	return out
}

// RegisterUDF makes f a temporary function of the session under name
// (spark.udf.register); it replaces a function of the same name.
func (s *Session) RegisterUDF(name string, f *plan.PythonUDF) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.udfs == nil {
		s.udfs = map[string]*plan.PythonUDF{}
	}
	s.udfs[strings.ToLower(name)] = f
}

// UDF returns the temporary function registered under name.
func (s *Session) UDF(name string) (*plan.PythonUDF, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.udfs[strings.ToLower(name)]
	return f, ok
}

// UDFNames lists the names of the registered temporary functions.
func (s *Session) UDFNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.udfs))
	for _, f := range s.udfs {
		out = append(out, f.Name)
	}
	return out
}

// RegisterUDTF makes f a temporary table function of the session under
// name (spark.udtf.register).
func (s *Session) RegisterUDTF(name string, f *plan.PythonUDTF) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.udtfs == nil {
		s.udtfs = map[string]*plan.PythonUDTF{}
	}
	s.udtfs[strings.ToLower(name)] = f
}

// UDTF returns the temporary table function registered under name.
func (s *Session) UDTF(name string) (*plan.PythonUDTF, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.udtfs[strings.ToLower(name)]
	return f, ok
}
