package server

import (
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"

	"github.com/emberdb/ember/internal/sparkpb"
)

// Options configure a Server. Zero values take the defaults noted.
type Options struct {
	// ArtifactRoot is the directory under which each session stores its
	// artifacts, in a subdirectory named by its server-side session id.
	// Default: $TMPDIR/ember-artifacts.
	ArtifactRoot string
	// SessionTimeout closes sessions idle for longer (default 1h; negative
	// never expires sessions).
	SessionTimeout time.Duration
	// OperationTimeout removes operations no client has been attached to for
	// longer, e.g. when the client died without ReleaseExecute (default 5m).
	OperationTimeout time.Duration
	// JanitorInterval is how often expiry runs (default 30s).
	JanitorInterval time.Duration
	// MaxBufferedResponses bounds the responses an operation produces ahead
	// of its client (default 64); the execution waits beyond that.
	MaxBufferedResponses int
	// RetryBufferBytes and RetryBufferResponses bound the responses already
	// sent but not yet released by the client, kept for ReattachExecute
	// (defaults 16 MiB and 1024).
	RetryBufferBytes     int64
	RetryBufferResponses int64
	// MaxStreamResponses, when positive, ends a reattachable stream after it
	// sent that many responses (without result_complete), making the client
	// reattach, like Spark's senderMaxStreamSize. Useful behind proxies that
	// cut long streams, and to exercise clients' reattach logic.
	MaxStreamResponses int
	// Confs are server-level confs set in every new session, e.g.
	// spark.sql.warehouse.dir.
	Confs map[string]string
	// Logger receives one line per RPC (default slog.Default()).
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.ArtifactRoot == "" {
		o.ArtifactRoot = filepath.Join(os.TempDir(), "ember-artifacts")
	}
	if o.SessionTimeout == 0 {
		o.SessionTimeout = time.Hour
	}
	if o.OperationTimeout == 0 {
		o.OperationTimeout = 5 * time.Minute
	}
	if o.JanitorInterval <= 0 {
		o.JanitorInterval = 30 * time.Second
	}
	if o.MaxBufferedResponses <= 0 {
		o.MaxBufferedResponses = 64
	}
	if o.RetryBufferBytes <= 0 {
		o.RetryBufferBytes = 16 << 20
	}
	if o.RetryBufferResponses <= 0 {
		o.RetryBufferResponses = 1024
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Server implements the Spark Connect gRPC service on top of a Core.
type Server struct {
	sparkpb.UnimplementedSparkConnectServiceServer

	core     Core
	opts     Options
	log      *slog.Logger
	sessions *sessionManager

	stopOnce    sync.Once
	stop        chan struct{}
	janitorDone chan struct{}
}

// New creates a server that runs plans with core and starts its janitor
// (idle sessions, abandoned operations). Call Close when done.
func New(core Core, opts Options) *Server {
	opts = opts.withDefaults()
	s := &Server{
		core:        core,
		opts:        opts,
		log:         opts.Logger,
		sessions:    newSessionManager(),
		stop:        make(chan struct{}),
		janitorDone: make(chan struct{}),
	}
	go s.janitor(s.stop)
	return s
}

// Register adds the Spark Connect service to a gRPC server.
func (s *Server) Register(r grpc.ServiceRegistrar) {
	sparkpb.RegisterSparkConnectServiceServer(r, s)
}

// Close stops the janitor and closes every session (cancelling running
// operations and releasing their engine state). Sessions are not
// tombstoned: clients reconnecting to a restarted server get
// INVALID_HANDLE.SESSION_CHANGED through their observed server-side id.
func (s *Server) Close() {
	s.stopOnce.Do(func() {
		close(s.stop)
		<-s.janitorDone
		for _, st := range s.sessions.all() {
			s.closeSession(st, false, "server shutdown")
		}
	})
}

// writeBufferSize is how many bytes of HTTP/2 frames the server gathers
// per socket write; results travel as 4 MiB Arrow batches, which gRPC's
// default of 32 KiB would cut into thousands of writes.
const writeBufferSize = 512 << 10

// GRPCServerOptions are the gRPC server options Spark Connect clients need:
// 256 MiB messages both ways (PySpark sends local relations of up to
// 128 MiB inline), a generous per-connection stream limit (clients release
// responses concurrently with the result stream), tolerance for clients
// that send keepalive pings, and server pings that notice vanished clients
// so their operations are detached and eventually collected.
func GRPCServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.MaxRecvMsgSize(256 << 20),
		grpc.MaxSendMsgSize(256 << 20),
		grpc.MaxConcurrentStreams(4096),
		grpc.WriteBufferSize(writeBufferSize),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{Time: time.Minute, Timeout: 20 * time.Second}),
	}
}
