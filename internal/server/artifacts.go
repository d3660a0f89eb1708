package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"google.golang.org/grpc"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

// artifactPrefixes are the top-level directories PySpark names artifacts
// under: cached local relations, Python files, archives, plain files, and
// JVM jars/classes (accepted and stored, though Ember cannot run them).
var artifactPrefixes = map[string]bool{
	"cache": true, "pyfiles": true, "archives": true, "files": true, "jars": true, "classes": true,
}

// artifactPath validates an artifact name and returns its path relative to
// the session's artifact directory. Names must be relative, slash-separated,
// start with a known prefix and never leave their directory. An archive's
// "#alias" fragment is not part of the stored name.
func artifactPath(name string) (string, error) {
	invalid := sparkerr.Newf("INVALID_ARTIFACT_PATH", "name", name)
	clean := name
	if strings.HasPrefix(clean, "archives/") {
		if i := strings.IndexByte(clean, '#'); i >= 0 {
			clean = clean[:i]
		}
	}
	if clean == "" || strings.ContainsAny(clean, "\\\x00") || path.IsAbs(clean) || filepath.IsAbs(clean) {
		return "", invalid
	}
	parts := strings.Split(clean, "/")
	if len(parts) < 2 || !artifactPrefixes[parts[0]] {
		return "", invalid
	}
	for _, p := range parts {
		if p == "" || p == "." || p == ".." {
			return "", invalid
		}
	}
	return filepath.FromSlash(clean), nil
}

// stagedArtifact is an artifact being received into a temporary file.
type stagedArtifact struct {
	name      string
	rel       string // validated path relative to the artifact directory
	file      *os.File
	crcOK     bool
	chunks    int64 // chunks still expected (chunked artifacts)
	total     int64 // bytes announced (chunked artifacts)
	written   int64
	chunked   bool
	committed bool
}

// write appends one chunk, checking its CRC32. The artifact's CRC is good
// only if every chunk's is.
func (a *stagedArtifact) write(ch *sparkpb.AddArtifactsRequest_ArtifactChunk, first bool) error {
	data := ch.GetData()
	if _, err := a.file.Write(data); err != nil {
		return fmt.Errorf("write artifact %s: %w", a.name, err)
	}
	ok := int64(crc32.ChecksumIEEE(data)) == ch.GetCrc()
	a.crcOK = ok && (first || a.crcOK)
	a.written += int64(len(data))
	if a.chunked {
		a.chunks--
	}
	return nil
}

// artifactReceiver collects one AddArtifacts stream.
type artifactReceiver struct {
	dir     string // the session's artifact directory
	staging string // temporary directory for this stream
	staged  []*stagedArtifact
	current *stagedArtifact // chunked artifact in progress
}

func (r *artifactReceiver) begin(name string, chunked bool, numChunks, total int64) (*stagedArtifact, error) {
	rel, err := artifactPath(name)
	if err != nil {
		return nil, err
	}
	if r.staging == "" {
		if err := os.MkdirAll(r.dir, 0o700); err != nil {
			return nil, fmt.Errorf("create artifact directory: %w", err)
		}
		st, err := os.MkdirTemp(r.dir, ".staging-")
		if err != nil {
			return nil, fmt.Errorf("create artifact staging directory: %w", err)
		}
		r.staging = st
	}
	f, err := os.CreateTemp(r.staging, "artifact-")
	if err != nil {
		return nil, fmt.Errorf("stage artifact %s: %w", name, err)
	}
	a := &stagedArtifact{name: name, rel: rel, file: f, chunked: chunked, chunks: numChunks, total: total}
	r.staged = append(r.staged, a)
	return a, nil
}

func (r *artifactReceiver) add(req *sparkpb.AddArtifactsRequest) error {
	switch p := req.GetPayload().(type) {
	case *sparkpb.AddArtifactsRequest_Batch_:
		if r.current != nil {
			return fmt.Errorf("artifact %s: batch received before all its chunks", r.current.name)
		}
		for _, art := range p.Batch.GetArtifacts() {
			a, err := r.begin(art.GetName(), false, 0, 0)
			if err != nil {
				return err
			}
			if err := a.write(art.GetData(), true); err != nil {
				return err
			}
			if err := a.file.Close(); err != nil {
				return fmt.Errorf("stage artifact %s: %w", a.name, err)
			}
		}
	case *sparkpb.AddArtifactsRequest_BeginChunk:
		if r.current != nil {
			return fmt.Errorf("artifact %s: new chunked artifact started before all its chunks", r.current.name)
		}
		b := p.BeginChunk
		a, err := r.begin(b.GetName(), true, b.GetNumChunks(), b.GetTotalBytes())
		if err != nil {
			return err
		}
		r.current = a
		if err := a.write(b.GetInitialChunk(), true); err != nil {
			return err
		}
		return r.maybeEndChunked()
	case *sparkpb.AddArtifactsRequest_Chunk:
		if r.current == nil {
			return errors.New("artifact chunk received without begin_chunk")
		}
		if err := r.current.write(p.Chunk, false); err != nil {
			return err
		}
		return r.maybeEndChunked()
	default:
		return errors.New("AddArtifacts request has no payload")
	}
	return nil
}

func (r *artifactReceiver) maybeEndChunked() error {
	a := r.current
	if a.chunks > 0 {
		return nil
	}
	r.current = nil
	if err := a.file.Close(); err != nil {
		return fmt.Errorf("stage artifact %s: %w", a.name, err)
	}
	if a.written != a.total {
		return fmt.Errorf("artifact %s: received %d bytes, expected %d", a.name, a.written, a.total)
	}
	return nil
}

// commit moves every artifact whose CRC matched into place with an atomic
// rename and returns the summaries in arrival order.
func (r *artifactReceiver) commit() ([]*sparkpb.AddArtifactsResponse_ArtifactSummary, error) {
	if r.current != nil {
		a := r.current
		return nil, fmt.Errorf("artifact %s: stream ended with %d of its chunks missing", a.name, a.chunks)
	}
	out := make([]*sparkpb.AddArtifactsResponse_ArtifactSummary, 0, len(r.staged))
	for _, a := range r.staged {
		out = append(out, &sparkpb.AddArtifactsResponse_ArtifactSummary{Name: a.name, IsCrcSuccessful: a.crcOK})
		if !a.crcOK {
			continue
		}
		dst := filepath.Join(r.dir, a.rel)
		if _, err := os.Stat(dst); err == nil {
			same, err := sameContent(dst, a.file.Name())
			if err != nil {
				return nil, fmt.Errorf("compare artifact %s: %w", a.name, err)
			}
			if same {
				a.committed = true
				continue
			}
			// Cached relations are content-addressed and may be replaced;
			// anything else keeps its first content, as in Spark.
			if !strings.HasPrefix(a.rel, "cache"+string(filepath.Separator)) {
				return nil, sparkerr.Newf("ARTIFACT_ALREADY_EXISTS", "normalizedRemoteRelativePath", filepath.ToSlash(a.rel))
			}
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return nil, fmt.Errorf("store artifact %s: %w", a.name, err)
		}
		if err := os.Rename(a.file.Name(), dst); err != nil {
			return nil, fmt.Errorf("store artifact %s: %w", a.name, err)
		}
		a.committed = true
	}
	return out, nil
}

// sameContent reports whether two files hold the same bytes.
func sameContent(a, b string) (bool, error) {
	fa, err := os.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	sa, err := fa.Stat()
	if err != nil {
		return false, err
	}
	sb, err := fb.Stat()
	if err != nil {
		return false, err
	}
	if sa.Size() != sb.Size() {
		return false, nil
	}
	bufA, bufB := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, errA := io.ReadFull(fa, bufA)
		nb, errB := io.ReadFull(fb, bufB)
		if !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false, nil
		}
		if errA == io.EOF || errA == io.ErrUnexpectedEOF {
			return errB == io.EOF || errB == io.ErrUnexpectedEOF, nil
		}
		if errA != nil {
			return false, errA
		}
		if errB != nil {
			return false, errB
		}
	}
}

// cleanup removes the staging directory and anything left in it.
func (r *artifactReceiver) cleanup() {
	for _, a := range r.staged {
		_ = a.file.Close()
	}
	if r.staging != "" {
		_ = os.RemoveAll(r.staging)
	}
}

// AddArtifacts receives artifacts (batched small ones or one chunked large
// one per run of chunks), verifies each chunk's CRC32 and stores the good
// ones under the session's artifact directory once the stream completes.
func (s *Server) AddArtifacts(stream grpc.ClientStreamingServer[sparkpb.AddArtifactsRequest, sparkpb.AddArtifactsResponse]) (err error) {
	c := s.begin("AddArtifacts", "")
	defer s.end(c, &err)

	var st *sessionState
	var recv *artifactReceiver
	defer func() {
		if recv != nil {
			recv.cleanup()
		}
	}()
	for {
		req, rerr := stream.Recv()
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return rerr
		}
		if st == nil {
			c.sessionID = req.GetSessionId()
			st, err = s.getOrCreateSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
			if err != nil {
				return err
			}
			c.st = st
			recv = &artifactReceiver{dir: st.sess.ArtifactDir}
		}
		if err := recv.add(req); err != nil {
			return err
		}
	}
	resp := &sparkpb.AddArtifactsResponse{}
	if st != nil {
		resp.SessionId = st.key.sessionID
		resp.ServerSideSessionId = st.serverSideID()
		sums, err := recv.commit()
		if err != nil {
			return err
		}
		resp.Artifacts = sums
	}
	return stream.SendAndClose(resp)
}

// ArtifactStatus reports which of the named artifacts the session holds.
func (s *Server) ArtifactStatus(ctx context.Context, req *sparkpb.ArtifactStatusesRequest) (resp *sparkpb.ArtifactStatusesResponse, err error) {
	c := s.begin("ArtifactStatus", req.GetSessionId())
	defer s.end(c, &err)

	st, err := s.getOrCreateSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
	if err != nil {
		return nil, err
	}
	c.st = st
	resp = &sparkpb.ArtifactStatusesResponse{
		SessionId:           req.GetSessionId(),
		ServerSideSessionId: st.serverSideID(),
		Statuses:            map[string]*sparkpb.ArtifactStatusesResponse_ArtifactStatus{},
	}
	for _, name := range req.GetNames() {
		exists := false
		if rel, err := artifactPath(name); err == nil {
			fi, err := os.Stat(filepath.Join(st.sess.ArtifactDir, rel))
			exists = err == nil && fi.Mode().IsRegular()
		}
		resp.Statuses[name] = &sparkpb.ArtifactStatusesResponse_ArtifactStatus{Exists: exists}
	}
	return resp, nil
}
