package server

import (
	"bytes"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/sparkpb"
)

func statDir(p string) (os.FileInfo, error) { return os.Stat(p) }

func chunk(data []byte, goodCRC bool) *sparkpb.AddArtifactsRequest_ArtifactChunk {
	crc := int64(crc32.ChecksumIEEE(data))
	if !goodCRC {
		crc++
	}
	return &sparkpb.AddArtifactsRequest_ArtifactChunk{Data: data, Crc: crc}
}

func artifact(name string, data []byte, goodCRC bool) *sparkpb.AddArtifactsRequest_SingleChunkArtifact {
	return &sparkpb.AddArtifactsRequest_SingleChunkArtifact{Name: name, Data: chunk(data, goodCRC)}
}

func batch(sid string, arts ...*sparkpb.AddArtifactsRequest_SingleChunkArtifact) *sparkpb.AddArtifactsRequest {
	return &sparkpb.AddArtifactsRequest{SessionId: sid, UserContext: user("alice"),
		Payload: &sparkpb.AddArtifactsRequest_Batch_{Batch: &sparkpb.AddArtifactsRequest_Batch{Artifacts: arts}}}
}

func TestArtifactPath(t *testing.T) {
	tests := []struct {
		name string
		want string // "" = invalid
	}{
		{"cache/0123abcd", "cache/0123abcd"},
		{"pyfiles/util.py", "pyfiles/util.py"},
		{"files/sub/dir/data.csv", "files/sub/dir/data.csv"},
		{"jars/a.jar", "jars/a.jar"},
		{"classes/a/B.class", "classes/a/B.class"},
		{"archives/env.zip#env", "archives/env.zip"},
		{"archives/env.zip", "archives/env.zip"},
		{"files/a#b", "files/a#b"},
		{"", ""},
		{"cache", ""},
		{"cache/", ""},
		{"/etc/passwd", ""},
		{"../x", ""},
		{"files/../../x", ""},
		{"files/./x", ""},
		{"files//x", ""},
		{"other/x", ""},
		{"forward_to_fs/tmp/x", ""},
		{"files/a\\..\\b", ""},
		{"files/a\x00b", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := artifactPath(tc.name)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("accepted %q as %q", tc.name, got)
				}
				return
			}
			if err != nil || got != filepath.FromSlash(tc.want) {
				t.Fatalf("artifactPath(%q) = %q, %v", tc.name, got, err)
			}
		})
	}
}

func TestAddArtifacts(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	ctx := ctxT(t)

	big := bytes.Repeat([]byte("0123456789"), 1000)
	up, err := h.client.AddArtifacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reqs := []*sparkpb.AddArtifactsRequest{
		batch(sid, artifact("cache/good", []byte("good data"), true), artifact("pyfiles/bad.py", []byte("bad"), false)),
		{SessionId: sid, UserContext: user("alice"), Payload: &sparkpb.AddArtifactsRequest_BeginChunk{BeginChunk: &sparkpb.AddArtifactsRequest_BeginChunkedArtifact{
			Name: "archives/big.zip#alias", TotalBytes: int64(len(big)), NumChunks: 3, InitialChunk: chunk(big[:4000], true)}}},
		{SessionId: sid, UserContext: user("alice"), Payload: &sparkpb.AddArtifactsRequest_Chunk{Chunk: chunk(big[4000:8000], true)}},
		{SessionId: sid, UserContext: user("alice"), Payload: &sparkpb.AddArtifactsRequest_Chunk{Chunk: chunk(big[8000:], true)}},
		{SessionId: sid, UserContext: user("alice"), Payload: &sparkpb.AddArtifactsRequest_BeginChunk{BeginChunk: &sparkpb.AddArtifactsRequest_BeginChunkedArtifact{
			Name: "files/badchunk", TotalBytes: 6, NumChunks: 2, InitialChunk: chunk([]byte("abc"), true)}}},
		{SessionId: sid, UserContext: user("alice"), Payload: &sparkpb.AddArtifactsRequest_Chunk{Chunk: chunk([]byte("def"), false)}},
	}
	for _, r := range reqs {
		if err := up.Send(r); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := up.CloseAndRecv()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"cache/good": true, "pyfiles/bad.py": false, "archives/big.zip#alias": true, "files/badchunk": false}
	if len(resp.Artifacts) != len(want) || resp.SessionId != sid || resp.ServerSideSessionId == "" {
		t.Fatalf("response = %v", resp)
	}
	for _, a := range resp.Artifacts {
		if want[a.Name] != a.IsCrcSuccessful {
			t.Fatalf("%s: crc ok = %v", a.Name, a.IsCrcSuccessful)
		}
	}

	dir := h.srv.lookupSession(requestIDs{userID: "alice", sessionID: sid}).sess.ArtifactDir
	if got, err := os.ReadFile(filepath.Join(dir, "cache", "good")); err != nil || string(got) != "good data" {
		t.Fatalf("cache/good = %q, %v", got, err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "archives", "big.zip")); err != nil || !bytes.Equal(got, big) {
		t.Fatalf("archives/big.zip: %d bytes, %v", len(got), err)
	}
	for _, missing := range []string{"pyfiles/bad.py", "files/badchunk"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(missing))); err == nil {
			t.Fatalf("%s stored despite a bad CRC", missing)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "cache" && e.Name() != "archives" {
			t.Fatalf("unexpected entry %s left in %s", e.Name(), dir)
		}
	}

	st, err := h.client.ArtifactStatus(ctx, &sparkpb.ArtifactStatusesRequest{SessionId: sid, UserContext: user("alice"),
		Names: []string{"cache/good", "cache/missing", "pyfiles/bad.py", "../escape"}})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus := map[string]bool{"cache/good": true, "cache/missing": false, "pyfiles/bad.py": false, "../escape": false}
	for name, exists := range wantStatus {
		if st.Statuses[name] == nil || st.Statuses[name].Exists != exists {
			t.Fatalf("status[%s] = %v", name, st.Statuses[name])
		}
	}
}

func TestAddArtifactsRejects(t *testing.T) {
	tests := []struct {
		name      string
		reqs      func(sid string) []*sparkpb.AddArtifactsRequest
		wantClass string
	}{
		{"parent directory", func(sid string) []*sparkpb.AddArtifactsRequest {
			return []*sparkpb.AddArtifactsRequest{batch(sid, artifact("files/../../evil", []byte("x"), true))}
		}, "INVALID_ARTIFACT_PATH"},
		{"absolute", func(sid string) []*sparkpb.AddArtifactsRequest {
			return []*sparkpb.AddArtifactsRequest{batch(sid, artifact("/tmp/evil", []byte("x"), true))}
		}, "INVALID_ARTIFACT_PATH"},
		{"unknown prefix", func(sid string) []*sparkpb.AddArtifactsRequest {
			return []*sparkpb.AddArtifactsRequest{batch(sid, artifact("evil/x", []byte("x"), true))}
		}, "INVALID_ARTIFACT_PATH"},
		{"missing chunks", func(sid string) []*sparkpb.AddArtifactsRequest {
			return []*sparkpb.AddArtifactsRequest{{SessionId: sid, UserContext: user("alice"), Payload: &sparkpb.AddArtifactsRequest_BeginChunk{
				BeginChunk: &sparkpb.AddArtifactsRequest_BeginChunkedArtifact{Name: "files/x", TotalBytes: 6, NumChunks: 2, InitialChunk: chunk([]byte("abc"), true)}}}}
		}, "INTERNAL_ERROR"},
		{"chunk without begin", func(sid string) []*sparkpb.AddArtifactsRequest {
			return []*sparkpb.AddArtifactsRequest{{SessionId: sid, UserContext: user("alice"), Payload: &sparkpb.AddArtifactsRequest_Chunk{Chunk: chunk([]byte("abc"), true)}}}
		}, "INTERNAL_ERROR"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			sid := uuid.NewString()
			up, err := h.client.AddArtifacts(ctxT(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tc.reqs(sid) {
				_ = up.Send(r)
			}
			_, err = up.CloseAndRecv()
			if got := errClass(t, err); got != tc.wantClass {
				t.Fatalf("class = %s (%v)", got, err)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(h.srv.opts.ArtifactRoot), "evil")); err == nil {
				t.Fatalf("escaped the artifact root")
			}
		})
	}
}

func TestArtifactAlreadyExists(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	send := func(name, data string) error {
		up, err := h.client.AddArtifacts(ctxT(t))
		if err != nil {
			return err
		}
		_ = up.Send(batch(sid, artifact(name, []byte(data), true)))
		_, err = up.CloseAndRecv()
		return err
	}
	steps := []struct {
		name, data, wantClass string
	}{
		{"files/a", "one", ""},
		{"files/a", "one", ""},
		{"files/a", "two", "ARTIFACT_ALREADY_EXISTS"},
		{"cache/h", "one", ""},
		{"cache/h", "two", ""},
	}
	for i, s := range steps {
		err := send(s.name, s.data)
		if s.wantClass == "" {
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			continue
		}
		if got := errClass(t, err); got != s.wantClass {
			t.Fatalf("step %d: class %s", i, got)
		}
	}
}
