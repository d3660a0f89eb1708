package analyzer

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/show"
	"github.com/emberdb/ember/internal/types"
)

// literal converts a plan literal into a typed constant with Spark's
// display text (used in generated column names).
func literal(l *plan.Literal) (logical.Expr, error) {
	t := l.Type
	if t == nil {
		t = types.Null
	}
	return &logical.Lit{T: t, V: l.Value, Text: LiteralSQL(t, l.Value)}, nil
}

// LiteralSQL renders a literal as Spark's toPrettySQL shows it in names.
func LiteralSQL(t types.DataType, v any) string {
	if v == nil {
		return "NULL"
	}
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x)
	case int8, int16, int32, int64:
		return fmt.Sprint(x)
	case float32:
		return types.JavaFloatString(float64(x), 32)
	case float64:
		return types.JavaFloatString(x, 64)
	case string:
		return x
	case []byte:
		return "X'" + strings.ToUpper(hex.EncodeToString(x)) + "'"
	case plan.DecimalValue:
		return decimalText(x)
	case plan.Date:
		return "DATE '" + time.Unix(int64(x)*86400, 0).UTC().Format("2006-01-02") + "'"
	case plan.Timestamp:
		return "TIMESTAMP '" + time.UnixMicro(int64(x)).UTC().Format("2006-01-02 15:04:05.999999") + "'"
	case plan.TimestampNTZ:
		return "TIMESTAMP_NTZ '" + time.UnixMicro(int64(x)).UTC().Format("2006-01-02 15:04:05.999999") + "'"
	case plan.Time:
		return "TIME '" + show.FormatTime(int64(x)) + "'"
	case plan.DayTime:
		if s, ok := show.IntervalSQL(t, int64(x)); ok {
			return s
		}
	case plan.YearMonth:
		if s, ok := show.IntervalSQL(t, int64(x)); ok {
			return s
		}
	case []any:
		if st, ok := t.(types.Struct); ok {
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = LiteralSQL(st.Fields[i].Type, e)
			}
			return "struct(" + strings.Join(parts, ", ") + ")"
		}
		var et types.DataType = types.Null
		if at, ok := t.(types.Array); ok {
			et = at.Elem
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = LiteralSQL(et, e)
		}
		return "array(" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprint(v)
}

func decimalText(d plan.DecimalValue) string {
	s := d.Unscaled
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if d.Scale > 0 {
		for len(s) <= d.Scale {
			s = "0" + s
		}
		s = s[:len(s)-d.Scale] + "." + s[len(s)-d.Scale:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
