package server

import (
	"testing"

	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/sparkpb"
)

func kv(k string, v *string) *sparkpb.KeyValue { return &sparkpb.KeyValue{Key: k, Value: v} }

func opSet(silent bool, pairs ...*sparkpb.KeyValue) *sparkpb.ConfigRequest_Operation {
	set := &sparkpb.ConfigRequest_Set{Pairs: pairs}
	if silent {
		set.Silent = ptr(true)
	}
	return &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_Set{Set: set}}
}

func opGet(keys ...string) *sparkpb.ConfigRequest_Operation {
	return &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_Get{Get: &sparkpb.ConfigRequest_Get{Keys: keys}}}
}

func opGetOption(keys ...string) *sparkpb.ConfigRequest_Operation {
	return &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_GetOption{GetOption: &sparkpb.ConfigRequest_GetOption{Keys: keys}}}
}

func opGetWithDefault(pairs ...*sparkpb.KeyValue) *sparkpb.ConfigRequest_Operation {
	return &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_GetWithDefault{GetWithDefault: &sparkpb.ConfigRequest_GetWithDefault{Pairs: pairs}}}
}

func opGetAll(prefix *string) *sparkpb.ConfigRequest_Operation {
	return &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_GetAll{GetAll: &sparkpb.ConfigRequest_GetAll{Prefix: prefix}}}
}

func opUnset(keys ...string) *sparkpb.ConfigRequest_Operation {
	return &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_Unset{Unset: &sparkpb.ConfigRequest_Unset{Keys: keys}}}
}

func opIsModifiable(keys ...string) *sparkpb.ConfigRequest_Operation {
	return &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_IsModifiable{IsModifiable: &sparkpb.ConfigRequest_IsModifiable{Keys: keys}}}
}

// pairs renders KeyValues as key=value ("key=<none>" for an unset value).
func pairs(kvs []*sparkpb.KeyValue) []string {
	out := make([]string, len(kvs))
	for i, p := range kvs {
		if p.Value == nil {
			out[i] = p.Key + "=<none>"
		} else {
			out[i] = p.Key + "=" + *p.Value
		}
	}
	return out
}

func TestConfig(t *testing.T) {
	h := newHarness(t, Options{Confs: map[string]string{"spark.sql.warehouse.dir": "file:/wh"}})
	sid := uuid.NewString()
	// Steps run in order against one session.
	steps := []struct {
		name         string
		op           *sparkpb.ConfigRequest_Operation
		clientType   string
		want         []string
		wantWarnings int
		wantClass    string
	}{
		{name: "get defaults", op: opGet("spark.sql.ansi.enabled", "spark.sql.session.localRelationCacheThreshold", "spark.connect.session.planCompression.threshold"),
			want: []string{"spark.sql.ansi.enabled=true", "spark.sql.session.localRelationCacheThreshold=67108864", "spark.connect.session.planCompression.threshold=-1"}},
		{name: "get missing", op: opGet("spark.sql.ansi.enabled", "no.such.key"), wantClass: "SQL_CONF_NOT_FOUND"},
		{name: "get_option unset", op: opGetOption("no.such.key", "spark.sql.shuffle.partitions"),
			want: []string{"no.such.key=<none>", "spark.sql.shuffle.partitions=200"}},
		{name: "set", op: opSet(false, kv("spark.sql.shuffle.partitions", ptr("8")), kv("my.custom", ptr("x")))},
		{name: "get after set", op: opGet("spark.sql.shuffle.partitions", "my.custom"),
			want: []string{"spark.sql.shuffle.partitions=8", "my.custom=x"}},
		{name: "get_with_default", op: opGetWithDefault(kv("spark.sql.shuffle.partitions", ptr("1")), kv("spark.sql.ansi.enabled", ptr("false")), kv("nope", ptr("d")), kv("nope2", nil)),
			want: []string{"spark.sql.shuffle.partitions=8", "spark.sql.ansi.enabled=false", "nope=d", "nope2=<none>"}},
		{name: "duplicate keys", op: opGetOption("my.custom", "my.custom"), want: []string{"my.custom=x", "my.custom=x"}},
		{name: "get_all prefix", op: opGetAll(ptr("spark.sql.sh")), want: []string{"uffle.partitions=8"}},
		{name: "get_all", op: opGetAll(nil), want: []string{"my.custom=x", "spark.sql.shuffle.partitions=8", "spark.sql.warehouse.dir=file:/wh"}},
		{name: "unset", op: opUnset("spark.sql.shuffle.partitions", "never.set")},
		{name: "get_option after unset", op: opGetOption("spark.sql.shuffle.partitions"), want: []string{"spark.sql.shuffle.partitions=200"}},
		{name: "set static", op: opSet(false, kv("spark.sql.warehouse.dir", ptr("/x"))), wantClass: "CANNOT_MODIFY_STATIC_CONFIG"},
		{name: "unset static", op: opUnset("spark.sql.warehouse.dir"), wantClass: "CANNOT_MODIFY_STATIC_CONFIG"},
		{name: "set bad boolean", op: opSet(false, kv("spark.sql.ansi.enabled", ptr("yes"))), wantClass: "INVALID_CONF_VALUE.TYPE_MISMATCH"},
		{name: "set bad zone", op: opSet(false, kv("spark.sql.session.timeZone", ptr("Mars/Base"))), wantClass: "INVALID_CONF_VALUE.TIME_ZONE"},
		{name: "set silent", op: opSet(true, kv("spark.sql.warehouse.dir", ptr("/x")), kv("spark.connect.authenticate.token", ptr("t")), kv("spark.sql.caseSensitive", ptr("true"))),
			wantWarnings: 2},
		{name: "silent applied the valid pair", op: opGet("spark.sql.caseSensitive", "spark.sql.warehouse.dir"),
			want: []string{"spark.sql.caseSensitive=true", "spark.sql.warehouse.dir=file:/wh"}},
		{name: "set without value", op: opSet(false, kv("a.b", nil)), wantClass: ""},
		{name: "is_modifiable", op: opIsModifiable("spark.sql.shuffle.partitions", "spark.sql.warehouse.dir", "unknown.key", "spark.connect.session.planCompression.threshold"),
			want: []string{"spark.sql.shuffle.partitions=true", "spark.sql.warehouse.dir=false", "unknown.key=false", "spark.connect.session.planCompression.threshold=true"}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			req := &sparkpb.ConfigRequest{SessionId: sid, UserContext: user("alice"), Operation: s.op}
			resp, err := h.client.Config(ctxT(t), req)
			if s.name == "set without value" {
				if err == nil {
					t.Fatalf("a pair without value was accepted")
				}
				if info := errInfo(t, err); info.Reason != "java.lang.IllegalArgumentException" {
					t.Fatalf("reason = %s", info.Reason)
				}
				return
			}
			if s.wantClass != "" {
				if got := errClass(t, err); got != s.wantClass {
					t.Fatalf("class = %s (%v)", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.SessionId != sid || resp.ServerSideSessionId == "" {
				t.Fatalf("ids not echoed: %v", resp)
			}
			got := pairs(resp.Pairs)
			if len(got) != len(s.want) {
				t.Fatalf("pairs = %v, want %v", got, s.want)
			}
			for i := range got {
				if got[i] != s.want[i] {
					t.Fatalf("pairs = %v, want %v", got, s.want)
				}
			}
			if len(resp.Warnings) != s.wantWarnings {
				t.Fatalf("warnings = %v", resp.Warnings)
			}
		})
	}
}

func TestConfigSQLConfNotFoundIsNoSuchElement(t *testing.T) {
	h := newHarness(t, Options{})
	_, err := h.client.Config(ctxT(t), &sparkpb.ConfigRequest{SessionId: uuid.NewString(), UserContext: user("alice"), Operation: opGet("missing.key")})
	info := errInfo(t, err)
	if info.Reason != "org.apache.spark.SparkNoSuchElementException" || info.Metadata["sqlState"] != "42K0I" ||
		info.Metadata["messageParameters"] != `{"sqlConf":"\"missing.key\""}` || info.Metadata["errorId"] == "" {
		t.Fatalf("error info = %v", info)
	}
}

func TestConfigDefaultsFollowClientVersion(t *testing.T) {
	h := newHarness(t, Options{})
	tests := []struct {
		clientType string
		want       string
	}{
		{"_SPARK_CONNECT_PYTHON spark/3.5.9 os/linux python/3.11.9", "false"},
		{"_SPARK_CONNECT_PYTHON spark/4.2.0 os/linux python/3.11.9", "true"},
		{"", "true"},
	}
	for _, tc := range tests {
		t.Run(tc.clientType, func(t *testing.T) {
			resp, err := h.client.Config(ctxT(t), &sparkpb.ConfigRequest{SessionId: uuid.NewString(), UserContext: user("alice"),
				ClientType: &tc.clientType, Operation: opGet("spark.sql.ansi.enabled")})
			if err != nil {
				t.Fatal(err)
			}
			if got := *resp.Pairs[0].Value; got != tc.want {
				t.Fatalf("ansi = %s, want %s", got, tc.want)
			}
		})
	}
}
