package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"google.golang.org/grpc"

	"github.com/emberdb/ember/internal/executor"
	"github.com/emberdb/ember/internal/server"
)

// version is set at build time with -ldflags "-X main.version=v0.1.0".
var version = "dev"

const mainUsage = `Ember is a Spark Connect server: unmodified PySpark clients run DataFrame
and SQL workloads on it, executed by an embedded DuckDB.

Usage:
  ember serve [flags]     start the Spark Connect server
  ember version           print version information
  ember help [command]    show help for ember or for a command

Run 'ember help serve' to see the server's flags.
`

const serveUsage = `Usage: ember serve [flags]

Start a Spark Connect server. Connect to it from PySpark with
  SparkSession.builder.remote("sc://127.0.0.1:15002").getOrCreate()
or by setting SPARK_REMOTE=sc://127.0.0.1:15002.

Flags:
  --addr host:port        address to listen on (default 127.0.0.1:15002)
  --warehouse dir         the persistent catalog (spark_catalog): table data
                          under dir, metadata in dir/_ember; kept across
                          restarts and shared by all sessions
                          (default ./ember-warehouse; created if missing)
  --log-level level       debug, info, warn or error (default info); debug
                          also logs every ReleaseExecute call
  --session-timeout dur   close sessions idle for this long, e.g. 30m or 2h;
                          0 keeps them until released (default 1h)
  --pprof host:port       also serve Go's profiler (net/http/pprof) on this
                          address, e.g. 127.0.0.1:6060 (default off)
  --python path           the Python interpreter that runs Python UDFs,
                          pandas UDFs and mapInPandas/applyInPandas; it needs
                          the client's pyspark version with pandas and pyarrow
                          (default $PYSPARK_PYTHON, else python3)
  -h, --help              show this help

Logs go to standard error, one line per RPC. SIGINT or SIGTERM stop the
server gracefully: running operations get a few seconds to finish.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "ember %s (Spark Connect protocol %s, %s %s/%s)\n",
			version, protocolVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			switch args[1] {
			case "serve":
				fmt.Fprint(stdout, serveUsage)
				return 0
			case "version":
				fmt.Fprintln(stdout, "Usage: ember version\n\nPrint Ember's version, the Spark Connect protocol version it was built from and the Go toolchain.")
				return 0
			case "help":
				fmt.Fprint(stdout, mainUsage)
				return 0
			}
			fmt.Fprintf(stderr, "ember: unknown command %q\n\n%s", args[1], mainUsage)
			return 2
		}
		fmt.Fprint(stdout, mainUsage)
		return 0
	default:
		fmt.Fprintf(stderr, "ember: unknown command %q\n\n%s", args[0], mainUsage)
		return 2
	}
}

// protocolVersion is the Spark release the generated protocol stubs come
// from; it must match internal/sparkpb/VERSION (checked by a test).
const protocolVersion = "4.2.0"

// serveConfig is the parsed serve command line.
type serveConfig struct {
	addr           string
	warehouse      string
	logLevel       slog.Level
	sessionTimeout time.Duration
	pprofAddr      string
	python         string
}

func parseServe(args []string) (serveConfig, error) {
	var cfg serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:15002", "")
	fs.StringVar(&cfg.warehouse, "warehouse", "./ember-warehouse", "")
	level := fs.String("log-level", "info", "")
	fs.DurationVar(&cfg.sessionTimeout, "session-timeout", time.Hour, "")
	fs.StringVar(&cfg.pprofAddr, "pprof", "", "")
	fs.StringVar(&cfg.python, "python", "", "")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := cfg.logLevel.UnmarshalText([]byte(*level)); err != nil {
		return cfg, fmt.Errorf("invalid --log-level %q: use debug, info, warn or error", *level)
	}
	if cfg.sessionTimeout < 0 {
		return cfg, fmt.Errorf("invalid --session-timeout %s: must not be negative", cfg.sessionTimeout)
	}
	return cfg, nil
}

func serve(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseServe(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, serveUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "ember serve: %v\n\n%s", err, serveUsage)
		return 2
	}

	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	slog.SetDefault(log)
	if err := serveWith(cfg, log); err != nil {
		log.Error("ember stopped", "error", err)
		return 1
	}
	return 0
}

// newCore builds the execution core; tests replace it.
var newCore = func(warehouse, python string) (server.Core, func() error, error) {
	c, err := executor.New(executor.Options{Warehouse: warehouse, Python: python})
	if err != nil {
		return nil, nil, err
	}
	return c, c.Close, nil
}

// serveWith runs the server until SIGINT or SIGTERM.
func serveWith(cfg serveConfig, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, cfg, log, nil)
}

// serveUntil runs the server until ctx is done. If ready is not nil it
// receives the listening address.
func serveUntil(ctx context.Context, cfg serveConfig, log *slog.Logger, ready chan<- string) error {
	warehouse, err := filepath.Abs(cfg.warehouse)
	if err != nil {
		return fmt.Errorf("resolve warehouse %s: %w", cfg.warehouse, err)
	}
	if err := os.MkdirAll(warehouse, 0o755); err != nil {
		return fmt.Errorf("create warehouse %s: %w", warehouse, err)
	}
	artifacts, err := os.MkdirTemp("", "ember-artifacts-")
	if err != nil {
		return fmt.Errorf("create artifact directory: %w", err)
	}
	defer os.RemoveAll(artifacts)

	core, closeCore, err := newCore(warehouse, cfg.python)
	if err != nil {
		return fmt.Errorf("start engine: %w", err)
	}
	defer func() {
		if closeCore != nil {
			if err := closeCore(); err != nil {
				log.Warn("closing the engine failed", "error", err)
			}
		}
	}()

	timeout := cfg.sessionTimeout
	if timeout == 0 {
		timeout = -1 // never expire
	}
	srv := server.New(core, server.Options{
		ArtifactRoot:   artifacts,
		SessionTimeout: timeout,
		Confs:          map[string]string{"spark.sql.warehouse.dir": "file:" + warehouse},
		Logger:         log,
	})
	defer srv.Close()

	lis, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	if cfg.pprofAddr != "" {
		_, stopProfiler, err := serveProfiler(cfg.pprofAddr, log)
		if err != nil {
			lis.Close()
			return err
		}
		defer stopProfiler()
	}
	gs := grpc.NewServer(server.GRPCServerOptions()...)
	srv.Register(gs)

	errc := make(chan error, 1)
	go func() { errc <- gs.Serve(lis) }()
	log.Info("ember listening", "addr", lis.Addr().String(), "warehouse", warehouse,
		"version", version, "protocol", protocolVersion)
	if ready != nil {
		ready <- lis.Addr().String()
	}

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	done := make(chan struct{})
	go func() {
		gs.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		// Streams still running: cancel their operations, then force.
		srv.Close()
		gs.Stop()
		<-done
	}
	return nil
}
