package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// More string functions (translate, format_string, left/right, replace,
// hashes and encodings, soundex, levenshtein), Spark's split limits and
// the bit shifts. instr, locate/position, ascii and div live in more.go.

func init() {
	Register(
		&Def{Name: "translate", MinArgs: 3, MaxArgs: 3, Resolve: stringFn(types.String), Lower: fn("translate"), Group: "string"},
		&Def{Name: "format_string", Aliases: []string{"printf"}, MinArgs: 1, MaxArgs: -1, Resolve: resolveFormatString, Lower: lowerFormatString, Group: "string", ShowAlias: true},
		&Def{Name: "left", MinArgs: 2, MaxArgs: 2, Resolve: resolveStrInt, Lower: tmpl("(CASE WHEN $2 <= 0 THEN '' ELSE ember_substring($1, 1, $2) END)"), Group: "string"},
		&Def{Name: "right", MinArgs: 2, MaxArgs: 2, Resolve: resolveStrInt, Lower: tmpl("(CASE WHEN $1 IS NULL THEN NULL WHEN $2 <= 0 THEN '' ELSE ember_substring($1, -($2), $2) END)"), Group: "string"},
		&Def{Name: "replace", MinArgs: 2, MaxArgs: 3, Resolve: resolveReplace, Lower: tmpl("(CASE WHEN $2 = '' THEN $1 ELSE replace($1, $2, $3) END)"), Group: "string"},
		&Def{Name: "base64", MinArgs: 1, MaxArgs: 1, Resolve: binaryFn(types.String), Lower: fn("to_base64"), Group: "string"},
		&Def{Name: "md5", MinArgs: 1, MaxArgs: 1, Resolve: binaryFn(types.String), Lower: fn("md5"), Group: "hash"},
		&Def{Name: "sha1", Aliases: []string{"sha"}, MinArgs: 1, MaxArgs: 1, Resolve: binaryFn(types.String), Lower: fn("sha1"), Group: "hash", ShowAlias: true},
		&Def{Name: "sha2", MinArgs: 2, MaxArgs: 2, Resolve: resolveSha2, Lower: lowerSha2, Group: "hash"},
		&Def{Name: "crc32", MinArgs: 1, MaxArgs: 1, Resolve: binaryFn(types.Long), Lower: fn("ember_crc32"), Group: "hash"},
		&Def{Name: "hex", MinArgs: 1, MaxArgs: 1, Resolve: resolveHex, Lower: fn("hex"), Group: "string"},
		&Def{Name: "soundex", MinArgs: 1, MaxArgs: 1, Resolve: stringFn(types.String), Lower: fn("ember_soundex"), Group: "string"},
		&Def{Name: "levenshtein", MinArgs: 2, MaxArgs: 3, Resolve: resolveLevenshtein, Lower: lowerLevenshtein, Group: "string"},
		&Def{Name: "shiftleft", Aliases: []string{"<<"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveShift, Lower: lowerShift("<<"), Pretty: infixUnlessAlias("<<"), Group: "bitwise", ShowAlias: true},
		&Def{Name: "shiftright", Aliases: []string{">>"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveShift, Lower: lowerShift(">>"), Pretty: infixUnlessAlias(">>"), Group: "bitwise", ShowAlias: true},
		&Def{Name: "shiftrightunsigned", Aliases: []string{">>>"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveShift, Lower: lowerShift(">>>"), Pretty: infixUnlessAlias(">>>"), Group: "bitwise", ShowAlias: true},
	)
	Macros = append(Macros, strings2Macros...)
}

var strings2Macros = []string{
	// CRC-32 (IEEE, reflected, polynomial 0xEDB88320) over the bytes of b.
	`CREATE OR REPLACE MACRO ember_crc32(b) AS CASE WHEN b IS NULL THEN NULL ELSE xor(list_reduce(
	  list_transform(range(octet_length(b)), i -> CAST('0x' || substr(hex(b), 2 * i + 1, 2) AS BIGINT)),
	  (crc, x) -> list_reduce(range(8), (c, k) -> CASE WHEN c & 1 = 1 THEN xor(c >> 1, CAST(3988292384 AS BIGINT)) ELSE c >> 1 END, xor(crc, x)),
	  CAST(4294967295 AS BIGINT)), CAST(4294967295 AS BIGINT)) END`,
	// American soundex as Spark computes it: a string not starting with an
	// ASCII letter is returned unchanged; H and W do not separate equal
	// codes, vowels do; other characters are skipped. The fold carries the
	// code so far followed by the last code seen.
	`CREATE OR REPLACE MACRO ember_soundex_code(ch) AS substr('01230127022455012623017202', ascii(upper(ch)) - 64, 1)`,
	`CREATE OR REPLACE MACRO ember_soundex_fold(acc) AS left(rpad(substr(acc, 1, length(acc) - 1), 4, '0'), 4)`,
	`CREATE OR REPLACE MACRO ember_soundex(s) AS CASE WHEN s IS NULL THEN NULL WHEN s = '' THEN ''
	  WHEN NOT regexp_matches(substr(s, 1, 1), '^[A-Za-z]$') THEN s
	  ELSE ember_soundex_fold(list_reduce(string_split(substr(s, 2), ''), (acc, ch) -> CASE
	    WHEN NOT regexp_matches(ch, '^[A-Za-z]$') THEN acc
	    WHEN ember_soundex_code(ch) = '7' THEN acc
	    WHEN ember_soundex_code(ch) <> '0' AND ember_soundex_code(ch) <> right(acc, 1) AND length(acc) < 5
	      THEN substr(acc, 1, length(acc) - 1) || ember_soundex_code(ch) || ember_soundex_code(ch)
	    ELSE substr(acc, 1, length(acc) - 1) || ember_soundex_code(ch) END,
	  upper(substr(s, 1, 1)) || ember_soundex_code(substr(s, 1, 1)))) END`,
	// Spark's split: an empty string splits to [""]; a positive limit keeps
	// at most lim pieces, the last holding the rest of the string
	// (delimiters included); a limit <= 0 splits fully, trailing empty
	// strings kept.
	`CREATE OR REPLACE MACRO ember_split(s, re, lim) AS CASE
	  WHEN s IS NULL OR re IS NULL OR lim IS NULL THEN NULL
	  WHEN s = '' THEN ['']
	  WHEN lim <= 0 OR len(string_split_regex(s, re)) <= lim THEN string_split_regex(s, re)
	  ELSE list_concat(string_split_regex(s, re)[1:lim - 1], [array_to_string(list_transform(
	    range(lim, len(string_split_regex(s, re)) + 1),
	    i -> CASE WHEN i = lim THEN string_split_regex(s, re)[i] ELSE regexp_extract_all(s, re)[i - 1] || string_split_regex(s, re)[i] END), '')]) END`,
}

// lowerSplitSpark lowers split(str, regex, limit) (called from lowerSplit).
func lowerSplitSpark(args []string) string {
	return "ember_split(" + args[0] + ", " + args[1] + ", " + args[2] + ")"
}

// binaryFn accepts binary (strings are implicitly cast to binary, as Spark
// does for hash and encoding functions) and returns t.
func binaryFn(t types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		out := make([]logical.Expr, len(args))
		for i, a := range args {
			switch k := a.Type().Kind(); {
			case k == types.KindBinary:
				out[i] = a
			case types.IsStringLike(a.Type()) || k == types.KindNull:
				out[i] = ImplicitCast(a, types.Binary)
			default:
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"BINARY\"", a)
			}
		}
		return out, t, anyNullable(args), nil
	}
}

func resolveSha2(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, _, err := binaryFn(types.String)(c, name, args[:1])
	if err != nil {
		return nil, nil, false, err
	}
	if !types.IsIntegral(args[1].Type()) && args[1].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"INT\"", args[1])
	}
	// sha2 is NULL for an unsupported bit length, so always nullable.
	return append(out, ImplicitCast(args[1], types.Int)), types.String, true, nil
}

func lowerSha2(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	l, ok := call.Args[1].(*logical.Lit)
	if !ok {
		return "", sparkerr.Unsupported("sha2 with a non-literal bit length")
	}
	if l.V == nil {
		return "CAST(NULL AS VARCHAR)", nil
	}
	switch litInt(l) {
	case 0, 256:
		return "sha256(" + args[0] + ")", nil
	case 224, 384, 512:
		return "", sparkerr.Unsupported("sha2 with " + strconv.Itoa(litInt(l)) + " bits")
	}
	return "CAST(NULL AS VARCHAR)", nil
}

// resolveHex: hex of a long (two's complement), of binary, or of a string's
// UTF-8 bytes.
func resolveHex(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	switch t := a.Type(); {
	case types.IsIntegral(t):
		a = ImplicitCast(a, types.Long)
	case t.Kind() == types.KindBinary || types.IsStringLike(t):
	case t.Kind() == types.KindNull:
		a = ImplicitCast(a, types.String)
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"BIGINT\" or \"BINARY\" or \"STRING\")", a)
	}
	return []logical.Expr{a}, types.String, a.Nullable(), nil
}

func resolveReplace(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 2 {
		args = append(args, &logical.Lit{T: types.String, V: "", Text: ""})
	}
	return stringFn(types.String)(c, name, args)
}

func resolveLevenshtein(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := stringFn(types.Int)(c, name, args[:2])
	if err != nil {
		return nil, nil, false, err
	}
	if len(args) == 3 {
		out = append(out, ImplicitCast(args[2], types.Int))
		n = n || args[2].Nullable()
	}
	return out, types.Int, n, nil
}

func lowerLevenshtein(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	d := "CAST(levenshtein(" + args[0] + ", " + args[1] + ") AS INTEGER)"
	if len(args) == 2 {
		return d, nil
	}
	// With a threshold: -1 when the distance exceeds it.
	return "(CASE WHEN " + args[2] + " IS NULL THEN NULL WHEN " + d + " > " + args[2] + " THEN -1 ELSE " + d + " END)", nil
}

// resolveShift: the shifted value is an int or a bigint (smaller integrals
// widen to int) and keeps its type; the shift amount is an int.
func resolveShift(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	v := args[0]
	var t types.DataType
	switch v.Type().Kind() {
	case types.KindLong:
		t = types.Long
	case types.KindInt, types.KindByte, types.KindShort, types.KindNull, types.KindString:
		t = types.Int
	default:
		return nil, nil, false, typeMismatch(shiftSQL(name, args), 1, "(\"INT\" or \"BIGINT\")", v)
	}
	n := args[1]
	switch n.Type().Kind() {
	case types.KindInt, types.KindByte, types.KindShort, types.KindNull, types.KindString:
	default:
		return nil, nil, false, typeMismatch(shiftSQL(name, args), 2, "\"INT\"", n)
	}
	return []logical.Expr{ImplicitCast(v, t), ImplicitCast(n, types.Int)}, t, anyNullable(args), nil
}

func shiftSQL(name string, args []logical.Expr) string {
	switch name {
	case "<<", ">>", ">>>":
		return "(" + args[0].SQL() + " " + name + " " + args[1].SQL() + ")"
	}
	return DefaultPretty(strings.ToLower(name), args, false)
}

// lowerShift renders Java's shifts: the amount is taken modulo the width,
// left shifts wrap around, >> is arithmetic and >>> logical.
func lowerShift(op string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		bits := 32
		if call.T.Kind() == types.KindLong {
			bits = 64
		}
		mask := strconv.Itoa(bits - 1)
		full := "(CAST(1 AS HUGEINT) << " + strconv.Itoa(bits) + ")"
		v := "CAST(" + args[0] + " AS HUGEINT)"
		k := "(" + args[1] + " & " + mask + ")"
		var expr string
		switch op {
		case "<<":
			expr = wrapIntegral("("+v+" * (CAST(1 AS HUGEINT) << "+k+"))", call.T)
		case ">>":
			expr = "(" + args[0] + " >> " + k + ")"
		default:
			// The unsigned value, shifted, reinterpreted as signed.
			expr = wrapIntegral("((("+v+" % "+full+") + "+full+") % "+full+" >> "+k+")", call.T)
		}
		return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL THEN NULL ELSE " + expr + " END)", nil
	}
}

// format_string / printf: Java's Formatter over a literal format. Each
// conversion is rendered separately (NULL arguments print "null"), and the
// pieces are concatenated.

func resolveFormatString(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	f := args[0]
	if !types.IsStringLike(f.Type()) && f.Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"STRING\"", f)
	}
	out := append([]logical.Expr{ImplicitCast(f, types.String)}, args[1:]...)
	return out, types.String, f.Nullable(), nil
}

func lowerFormatString(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	l, ok := call.Args[0].(*logical.Lit)
	if !ok {
		return lowerFormatStringRuntime(c, call, args)
	}
	if l.V == nil {
		return "CAST(NULL AS VARCHAR)", nil
	}
	format, _ := l.V.(string)
	var parts []string
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			parts = append(parts, QuoteString(text.String()))
			text.Reset()
		}
	}
	next, last := 0, -1
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' {
			text.WriteByte(ch)
			continue
		}
		// %[index$][flags][width][.precision]conversion
		j := i + 1
		start := j
		for j < len(format) && strings.IndexByte("0123456789$-#+ 0,(<.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return "", sparkerr.Unsupported("format_string format " + strconv.Quote(format))
		}
		spec, conv := format[start:j], format[j]
		i = j
		switch conv {
		case '%':
			text.WriteByte('%')
			continue
		case 'n':
			text.WriteByte('\n')
			continue
		}
		idx := -1
		if strings.HasPrefix(spec, "<") {
			idx, spec = last, spec[1:]
		} else if d := strings.IndexByte(spec, '$'); d >= 0 {
			n, err := strconv.Atoi(spec[:d])
			if err != nil || n < 1 {
				return "", sparkerr.Unsupported("format_string format " + strconv.Quote(format))
			}
			idx, spec = n-1, spec[d+1:]
		} else {
			idx = next
			next++
		}
		if idx < 0 || idx+1 >= len(args) {
			return "", sparkerr.Unsupported("format_string with missing arguments for " + strconv.Quote(format))
		}
		last = idx
		arg, t := args[idx+1], call.Args[idx+1].Type()
		if strings.ContainsAny(spec, "#(,") {
			return "", sparkerr.Unsupported("format_string flags in " + strconv.Quote(format))
		}
		var piece string
		switch conv {
		case 's', 'S':
			if t.Kind() == types.KindNull {
				arg, t = "CAST(NULL AS VARCHAR)", types.String
			}
			s, err := castToString(c, arg, t)
			if err != nil {
				return "", err
			}
			piece = "printf(" + QuoteString("%"+spec+"s") + ", coalesce(" + s + ", 'null'))"
			if conv == 'S' {
				piece = "upper(" + piece + ")"
			}
		case 'd', 'x', 'X', 'o', 'e', 'E', 'f', 'g', 'G', 'c':
			piece = "coalesce(printf(" + QuoteString("%"+spec+string(conv)) + ", " + arg + "), 'null')"
		case 'b', 'B':
			b := "(CASE WHEN " + arg + " IS NULL THEN 'false' ELSE 'true' END)"
			if t.Kind() == types.KindBoolean {
				b = "(CASE WHEN " + arg + " THEN 'true' ELSE 'false' END)"
			}
			piece = "printf(" + QuoteString("%"+spec+"s") + ", " + b + ")"
			if conv == 'B' {
				piece = "upper(" + piece + ")"
			}
		default:
			return "", sparkerr.Unsupported("format_string conversion %" + string(conv))
		}
		flush()
		parts = append(parts, piece)
	}
	flush()
	if len(parts) == 0 {
		return "''", nil
	}
	return "(" + strings.Join(parts, " || ") + ")", nil
}

// remGuard is divGuard for % and pmod: Spark 4 raises REMAINDER_BY_ZERO
// (Spark 3.5 raised DIVIDE_BY_ZERO, see remainderByZero35).
func remGuard(c *LowerCtx, args []string, expr string) string {
	onZero := "NULL"
	if c.ANSI {
		onZero = RaiseSQL("REMAINDER_BY_ZERO", "config", "\"spark.sql.ansi.enabled\"")
	}
	return "(CASE WHEN " + args[1] + " = 0 THEN " + onZero + " ELSE " + expr + " END)"
}

// remainderByZero35 is how Spark 3.5 words a remainder by zero.
const remainderByZero35 = "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."
