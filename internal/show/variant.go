package show

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/emberdb/ember/internal/variant"
)

// formatVariant renders a VARIANT value (a struct of binary "value" and
// "metadata") as the JSON text Spark shows, with internal/variant's
// renderer. Timestamps inside a variant are shown in UTC with a "+00:00"
// offset, as Spark does.
func (f *formatter) formatVariant(a *array.Struct, i int) string {
	var value, meta []byte
	st := a.DataType().(interface{ FieldIdx(string) (int, bool) })
	if vi, ok := st.FieldIdx("value"); ok {
		value, _ = binaryValue(a.Field(vi), i)
	}
	if mi, ok := st.FieldIdx("metadata"); ok {
		meta, _ = binaryValue(a.Field(mi), i)
	}
	s, err := variant.ToJSON(variant.New(value, meta), time.UTC)
	if err != nil {
		f.setErr(err)
		return "<malformed variant>"
	}
	return s
}

func (f *formatter) setErr(err error) {
	if f.err == nil {
		f.err = err
	}
}
