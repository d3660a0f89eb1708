package udf

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// ember_format_string(format, args...) is Java's Formatter for printf /
// format_string when the format is only known at run time. Each argument
// arrives as text tagged with its Spark type class by its first byte:
// 'i' int-sized integer, 'l' bigint, 'f' floating point or decimal, 'b'
// boolean, 's' anything else; NULL stays NULL.

func init() {
	Register(Func{Name: "ember_format_string", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{tVarchar}, Variadic: tVarchar, Out: tVarchar, NullIn: true,
		Fn: func(a []driver.Value) (any, error) {
			if a[0] == nil {
				return nil, nil
			}
			return javaFormat(str(a[0]), a[1:])
		}}}})
}

func formatErr(msg string) error {
	return SparkError("UNSUPPORTED_FEATURE.EMBER", "feature", "format_string/printf "+msg)
}

func javaFormat(f string, args []driver.Value) (any, error) {
	var b strings.Builder
	next, last := 0, -1
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("0123456789$-#+ ,(<.", f[j]) >= 0 {
			j++
		}
		if j >= len(f) {
			return nil, formatErr("format " + strconv.Quote(f) + " ends inside a conversion")
		}
		spec, conv := f[i+1:j], f[j]
		i = j
		switch conv {
		case '%':
			b.WriteString(pad("%", spec))
			continue
		case 'n':
			b.WriteByte('\n')
			continue
		}
		idx := -1
		switch {
		case strings.HasPrefix(spec, "<"):
			idx, spec = last, spec[1:]
		case strings.Contains(spec, "$"):
			d := strings.IndexByte(spec, '$')
			n, err := strconv.Atoi(spec[:d])
			if err != nil || n < 1 {
				return nil, formatErr("format " + strconv.Quote(f))
			}
			idx, spec = n-1, spec[d+1:]
		default:
			idx = next
			next++
		}
		if idx < 0 || idx >= len(args) {
			return nil, SparkError("UNSUPPORTED_FEATURE.EMBER", "feature", "format_string/printf with a missing argument for %"+spec+string(conv)+" (Java raises MissingFormatArgumentException)")
		}
		last = idx
		if strings.ContainsAny(spec, ",(#") {
			return nil, formatErr("flags in %" + spec + string(conv))
		}
		v := args[idx]
		tag, text := byte('s'), ""
		if v != nil {
			s := str(v)
			tag, text = s[0], s[1:]
		}
		var piece string
		switch conv {
		case 's', 'S':
			if v == nil {
				text = "null"
			}
			piece = fmt.Sprintf("%"+spec+"s", text)
		case 'b', 'B':
			t := "true"
			if v == nil || tag == 'b' && text == "false" {
				t = "false"
			}
			piece = fmt.Sprintf("%"+spec+"s", t)
		case 'd', 'x', 'X', 'o':
			if v == nil {
				piece = pad("null", spec)
				break
			}
			if tag != 'i' && tag != 'l' {
				return nil, formatErr("conversion %" + string(conv) + " of a non-integral argument (Java raises IllegalFormatConversionException)")
			}
			n, err := strconv.ParseInt(text, 10, 64)
			if err != nil {
				return nil, formatErr("argument " + text)
			}
			if conv != 'd' && n < 0 {
				u := uint64(n)
				if tag == 'i' {
					u = uint64(uint32(int32(n)))
				}
				piece = fmt.Sprintf("%"+spec+string(conv), u)
			} else {
				piece = fmt.Sprintf("%"+spec+string(conv), n)
			}
		case 'e', 'E', 'f':
			if v == nil {
				piece = pad("null", spec)
				break
			}
			if tag != 'f' {
				return nil, formatErr("conversion %" + string(conv) + " of a non-floating-point argument (Java raises IllegalFormatConversionException)")
			}
			x, err := strconv.ParseFloat(text, 64)
			if err != nil {
				return nil, formatErr("argument " + text)
			}
			piece = fmt.Sprintf("%"+spec+string(conv), x)
		case 'c':
			if v == nil {
				piece = pad("null", spec)
				break
			}
			if tag != 'i' && tag != 'l' {
				return nil, formatErr("conversion %c of a non-integral argument")
			}
			n, _ := strconv.ParseInt(text, 10, 32)
			piece = fmt.Sprintf("%"+spec+"c", rune(n))
		default:
			return nil, formatErr("conversion %" + string(conv))
		}
		if conv >= 'A' && conv <= 'Z' {
			piece = strings.ToUpper(piece)
		}
		b.WriteString(piece)
	}
	return b.String(), nil
}

// pad applies a width and '-' flag to text.
func pad(text, spec string) string {
	left := strings.Contains(spec, "-")
	w, _ := strconv.Atoi(strings.TrimLeft(strings.Split(spec, ".")[0], "-+ 0"))
	for len([]rune(text)) < w {
		if left {
			text += " "
		} else {
			text = " " + text
		}
	}
	return text
}
