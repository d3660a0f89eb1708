package pyworker

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

//go:embed worker.py
var script []byte

// Arg is one argument of a UDF: its column in the input batch, and its
// keyword when passed by name.
type Arg struct {
	Offset int    `json:"offset"`
	Name   string `json:"name,omitempty"`
}

// UDF is one function of a task.
type UDF struct {
	Args []Arg `json:"args"`
	// ReturnType is the Spark JSON form of the declared result type.
	ReturnType string `json:"return_type"`
	Command    []byte `json:"-"`
}

// Task is one evaluation: functions of one eval type over one input.
type Task struct {
	EvalType int32
	Conf     map[string]string
	UDFs     []UDF
	// InputTypes are the Spark JSON types of the input columns (plain
	// UDFs, whose rows the worker converts itself).
	InputTypes []string
	PythonVer  string

	// A UDTF task (eval types 300-302) has one Command (the handler
	// class), its arguments, its name and return type (Spark JSON), and
	// the pickled result of its analyze() when it has one. Kind "analyze"
	// asks for that analyze() result for AnalyzeArgs instead.
	Kind          string
	Command       []byte
	UDTFArgs      []Arg
	UDTFName      string
	ReturnType    string
	AnalyzeResult []byte
	AnalyzeArgs   []AnalyzeArg
}

// AnalyzeArg describes one argument of a UDTF to its analyze() method.
type AnalyzeArg struct {
	Type     string `json:"type"` // Spark JSON
	Value    any    `json:"value,omitempty"`
	Constant bool   `json:"constant,omitempty"`
	Name     string `json:"name,omitempty"`
	Table    bool   `json:"table,omitempty"`
}

type header struct {
	EvalType      int32             `json:"eval_type"`
	Conf          map[string]string `json:"conf"`
	UDFs          []UDF             `json:"udfs"`
	InputTypes    []string          `json:"input_types,omitempty"`
	PythonVer     string            `json:"python_ver,omitempty"`
	Commands      int               `json:"commands"`
	Kind          string            `json:"kind,omitempty"`
	UDTFArgs      []Arg             `json:"udtf_args,omitempty"`
	UDTFName      string            `json:"udtf_name,omitempty"`
	ReturnType    string            `json:"return_type,omitempty"`
	AnalyzeResult string            `json:"analyze_result,omitempty"`
	AnalyzeArgs   []AnalyzeArg      `json:"analyze_args,omitempty"`
}

// Error is an exception raised by the user's Python code (or by pyspark's
// checks of its results), with the traceback the worker printed.
type Error struct{ Traceback string }

func (e *Error) Error() string { return e.Traceback }

// Pool starts and reuses workers for one Python interpreter.
type Pool struct {
	Python string

	mu   sync.Mutex
	idle []*proc
	path string
}

// maxIdle bounds the workers kept between tasks.
const maxIdle = 2

// NewPool returns a pool for python ("" picks $PYSPARK_PYTHON, else
// python3).
func NewPool(python string) *Pool {
	if python == "" {
		python = os.Getenv("PYSPARK_PYTHON")
	}
	if python == "" {
		python = "python3"
	}
	return &Pool{Python: python}
}

// Close stops the idle workers.
func (p *Pool) Close() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		w.stop()
	}
}

type proc struct {
	cmd    *exec.Cmd
	in     *os.File
	out    *os.File
	rd     *bufio.Reader
	stderr *tailBuffer
	done   chan struct{}
}

func (w *proc) kill() {
	w.in.Close()
	w.cmd.Process.Kill()
	<-w.done
	w.out.Close()
}

func (w *proc) stop() {
	var end [4]byte
	binary.BigEndian.PutUint32(end[:], uint32(0xfffffffc)) // -4
	w.in.Write(end[:])
	w.in.Close()
	<-w.done
	w.out.Close()
}

// scriptPath writes the worker script once, named by its content.
func (p *Pool) scriptPath() (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.path != "" {
		return p.path, nil
	}
	h := sha256.Sum256(script)
	path := filepath.Join(os.TempDir(), "ember-pyworker-"+hex.EncodeToString(h[:6])+".py")
	if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, script) {
		tmp, err := os.CreateTemp(os.TempDir(), "ember-pyworker-*.py")
		if err != nil {
			return "", fmt.Errorf("writing the Python worker: %w", err)
		}
		_, werr := tmp.Write(script)
		cerr := tmp.Close()
		if werr != nil || cerr != nil {
			os.Remove(tmp.Name())
			return "", fmt.Errorf("writing the Python worker: %w", errors.Join(werr, cerr))
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			return "", fmt.Errorf("writing the Python worker: %w", err)
		}
	}
	p.path = path
	return path, nil
}

func (p *Pool) start() (*proc, error) {
	path, err := p.scriptPath()
	if err != nil {
		return nil, err
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("python worker pipe: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("python worker pipe: %w", err)
	}
	cmd := exec.Command(p.Python, path)
	cmd.ExtraFiles = []*os.File{inR, outW}
	tail := &tailBuffer{max: 8 << 10}
	cmd.Stderr = tail
	cmd.Stdout = tail
	if err := cmd.Start(); err != nil {
		inR.Close()
		inW.Close()
		outR.Close()
		outW.Close()
		return nil, &StartError{Python: p.Python, Err: err}
	}
	inR.Close()
	outW.Close()
	w := &proc{cmd: cmd, in: inW, out: outR, rd: bufio.NewReaderSize(outR, 1<<16), stderr: tail, done: make(chan struct{})}
	go func() { cmd.Wait(); close(w.done) }()
	return w, nil
}

// CrashError reports a worker that exited (or closed its pipe) without
// answering: the user's code killed the interpreter.
type CrashError struct {
	Python string
	Err    error
	Stderr string // the end of what the worker printed
}

func (e *CrashError) Error() string {
	return fmt.Sprintf("the Python worker %q stopped: %v\n%s", e.Python, e.Err, e.Stderr)
}

// StartError reports a Python interpreter that could not be started.
type StartError struct {
	Python string
	Err    error
}

func (e *StartError) Error() string {
	return fmt.Sprintf("cannot start the Python worker %q: %v", e.Python, e.Err)
}

func (p *Pool) get() (*proc, error) {
	p.mu.Lock()
	for len(p.idle) > 0 {
		w := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		select {
		case <-w.done:
			continue // exited meanwhile
		default:
		}
		p.mu.Unlock()
		return w, nil
	}
	p.mu.Unlock()
	return p.start()
}

func (p *Pool) put(w *proc) {
	p.mu.Lock()
	if len(p.idle) < maxIdle {
		p.idle = append(p.idle, w)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	w.stop()
}

// Run sends a task, with the input that input writes, to a worker and
// returns the worker's Arrow IPC stream of results. A Python exception
// comes back as *Error.
func (p *Pool) Run(ctx context.Context, t *Task, input func(w io.Writer) error) ([]byte, error) {
	w, err := p.get()
	if err != nil {
		return nil, err
	}
	commands := make([][]byte, 0, len(t.UDFs)+1)
	for _, u := range t.UDFs {
		commands = append(commands, u.Command)
	}
	if t.Command != nil {
		commands = append(commands, t.Command)
	}
	h := header{EvalType: t.EvalType, Conf: t.Conf, UDFs: t.UDFs, InputTypes: t.InputTypes, PythonVer: t.PythonVer,
		Commands: len(commands), Kind: t.Kind, UDTFArgs: t.UDTFArgs, UDTFName: t.UDTFName, ReturnType: t.ReturnType,
		AnalyzeResult: hex.EncodeToString(t.AnalyzeResult), AnalyzeArgs: t.AnalyzeArgs}
	if h.UDFs == nil {
		h.UDFs = []UDF{}
	}
	hb, err := json.Marshal(h)
	if err != nil {
		w.kill()
		return nil, fmt.Errorf("python task header: %w", err)
	}
	writeErr := make(chan error, 1)
	go func() {
		bw := bufio.NewWriterSize(w.in, 1<<16)
		err := writeFrame(bw, hb)
		for _, cmd := range commands {
			if err == nil {
				err = writeFrame(bw, cmd)
			}
		}
		if err == nil && input != nil {
			err = input(bw)
		}
		if err == nil {
			err = bw.Flush()
		}
		writeErr <- err
	}()
	stop := context.AfterFunc(ctx, func() { w.cmd.Process.Kill() })
	status, data, rerr := readAnswer(w.rd)
	stop()
	if rerr != nil {
		w.kill()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if werr := <-writeErr; werr != nil && !isPipeErr(werr) {
			return nil, werr
		}
		return nil, &CrashError{Python: p.Python, Err: rerr, Stderr: w.stderr.String()}
	}
	if status != 0 {
		w.kill()
		return nil, &Error{Traceback: string(data)}
	}
	if werr := <-writeErr; werr != nil {
		w.kill()
		return nil, werr
	}
	p.put(w)
	return data, nil
}

func isPipeErr(err error) bool {
	return errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe) || (err != nil && bytes.Contains([]byte(err.Error()), []byte("broken pipe")))
}

func writeFrame(w io.Writer, b []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

func readAnswer(r io.Reader) (int32, []byte, error) {
	var hdr [12]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, nil, err
	}
	status := int32(binary.BigEndian.Uint32(hdr[:4]))
	n := int64(binary.BigEndian.Uint64(hdr[4:]))
	if n < 0 || n > 1<<40 {
		return 0, nil, fmt.Errorf("bad answer length %d", n)
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(r, data); err != nil {
		return 0, nil, err
	}
	return status, data, nil
}

// WriteInt writes a big-endian int32 (the group markers of the framing).
func WriteInt(w io.Writer, v int32) error {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(v))
	_, err := w.Write(b[:])
	return err
}

// tailBuffer keeps the last max bytes written (a worker's stderr).
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(b), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
