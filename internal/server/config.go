package server

import (
	"context"
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

// Config reads and writes the session's SQL conf with Spark's semantics:
//
//   - set: validates (static confs, booleans, enums, time zone) and stores;
//     unknown keys are accepted. With silent (4.0+) failures become warnings.
//   - get: the set value or the default; a key with neither fails with
//     SQL_CONF_NOT_FOUND.
//   - get_with_default: the set value, else the default the client supplied
//     (Spark ignores its own default here).
//   - get_option: the set value or the default, else no value.
//   - get_all: the explicitly set entries whose key starts with the prefix,
//     with the prefix removed from the key (as Spark does).
//   - unset, is_modifiable.
//
// Reads answer exactly one KeyValue per requested key, in request order.
func (s *Server) Config(ctx context.Context, req *sparkpb.ConfigRequest) (resp *sparkpb.ConfigResponse, err error) {
	c := s.begin("Config", req.GetSessionId())
	defer s.end(c, &err)

	st, err := s.getOrCreateSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
	if err != nil {
		return nil, err
	}
	c.st = st
	resp, err = configure(st.sess.Conf, req.GetOperation())
	if err != nil {
		return nil, err
	}
	resp.SessionId = req.GetSessionId()
	resp.ServerSideSessionId = st.serverSideID()
	return resp, nil
}

// configure applies one Config operation to conf.
func configure(conf *session.Conf, op *sparkpb.ConfigRequest_Operation) (*sparkpb.ConfigResponse, error) {
	resp := &sparkpb.ConfigResponse{}
	switch {
	case op.GetSet() != nil:
		silent := op.GetSet().GetSilent()
		for _, kv := range op.GetSet().GetPairs() {
			var err error
			if kv.Value == nil {
				err = &sparkerr.Error{
					JavaClass: sparkerr.IllegalArgument,
					Text:      "requirement failed: value cannot be null for key: " + kv.GetKey(),
				}
			} else {
				err = session.ValidateSet(kv.GetKey(), kv.GetValue())
			}
			if err != nil {
				if !silent {
					return nil, fmt.Errorf("set %s: %w", kv.GetKey(), err)
				}
				resp.Warnings = append(resp.Warnings, fmt.Sprintf("Failed to set %s to %s due to %s",
					kv.GetKey(), kv.GetValue(), messageOf(err)))
				continue
			}
			conf.Set(kv.GetKey(), kv.GetValue())
		}
	case op.GetGet() != nil:
		for _, k := range op.GetGet().GetKeys() {
			v, ok := conf.Get(k)
			if !ok {
				return nil, sparkerr.Newf("SQL_CONF_NOT_FOUND", "sqlConf", `"`+k+`"`)
			}
			resp.Pairs = append(resp.Pairs, keyValue(k, &v))
		}
	case op.GetGetWithDefault() != nil:
		for _, kv := range op.GetGetWithDefault().GetPairs() {
			if v, ok := conf.Explicitly(kv.GetKey()); ok {
				resp.Pairs = append(resp.Pairs, keyValue(kv.GetKey(), &v))
			} else {
				resp.Pairs = append(resp.Pairs, keyValue(kv.GetKey(), kv.Value))
			}
		}
	case op.GetGetOption() != nil:
		for _, k := range op.GetGetOption().GetKeys() {
			if v, ok := conf.Get(k); ok {
				resp.Pairs = append(resp.Pairs, keyValue(k, &v))
			} else {
				resp.Pairs = append(resp.Pairs, keyValue(k, nil))
			}
		}
	case op.GetGetAll() != nil:
		prefix := op.GetGetAll().GetPrefix()
		for _, e := range conf.Explicit(prefix) {
			v := e[1]
			resp.Pairs = append(resp.Pairs, keyValue(strings.TrimPrefix(e[0], prefix), &v))
		}
	case op.GetUnset() != nil:
		for _, k := range op.GetUnset().GetKeys() {
			if err := session.ValidateUnset(k); err != nil {
				return nil, fmt.Errorf("unset %s: %w", k, err)
			}
			conf.Unset(k)
		}
	case op.GetIsModifiable() != nil:
		for _, k := range op.GetIsModifiable().GetKeys() {
			v := "false"
			if session.IsModifiable(k) {
				v = "true"
			}
			resp.Pairs = append(resp.Pairs, keyValue(k, &v))
		}
	default:
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The Config request has no operation.")
	}
	return resp, nil
}

func keyValue(k string, v *string) *sparkpb.KeyValue {
	kv := &sparkpb.KeyValue{Key: k}
	if v != nil {
		val := *v
		kv.Value = &val
	}
	return kv
}

// messageOf is the user-facing message of err.
func messageOf(err error) string {
	if se, ok := sparkerr.As(err); ok {
		return se.Message()
	}
	return err.Error()
}
