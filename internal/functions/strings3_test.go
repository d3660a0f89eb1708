package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// TestStrings3Resolve checks typing, nullability and generated names of
// the strings3 family against what Spark 4.2 reports.
func TestStrings3Resolve(t *testing.T) {
	col := func(name string, t types.DataType, nullable bool) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: nullable}}
	}
	str := func(s string) logical.Expr { return &logical.Lit{T: types.String, V: s, Text: s} }
	i := func(n int) logical.Expr { return intLit(n) }
	null := &logical.Lit{T: types.Null, V: nil, Text: "NULL"}
	ctx := &Ctx{ANSI: true, TimeZone: "UTC"}
	s, b := types.String, types.Binary
	tests := []struct {
		name     string
		fn       string
		args     []logical.Expr
		wantType types.DataType
		wantNull bool
		wantSQL  string
		wantErr  string
	}{
		{"ltrim with a trim string", "ltrim", []logical.Expr{str("*"), col("value", s, true)}, s, true, "TRIM(LEADING * FROM value)", ""},
		{"rtrim with a trim string", "rtrim", []logical.Expr{col("t", s, false), col("value", s, false)}, s, false, "TRIM(TRAILING t FROM value)", ""},
		{"trim of spaces", "trim", []logical.Expr{col("value", s, false)}, s, false, "trim(value)", ""},
		{"btrim", "btrim", []logical.Expr{str("SSparkSQLS"), str("SL")}, s, false, "btrim(SSparkSQLS, SL)", ""},
		{"like with escape", "like", []logical.Expr{str("%a"), str("/%a"), str("/")}, types.Boolean, false, "%a LIKE /%a ESCAPE '/'", ""},
		{"position keeps its name", "position", []logical.Expr{col("a", s, true), col("b", s, true)}, types.Int, true, "position(a, b, 1)", ""},
		{"char alias", "char", []logical.Expr{i(65)}, s, false, "char(65)", ""},
		{"elt is nullable", "elt", []logical.Expr{i(1), str("a"), str("b")}, s, true, "elt(1, a, b)", ""},
		{"contains on binary is nullable", "contains", []logical.Expr{col("c", b, false), col("d", b, false)}, types.Boolean, true, "contains(c, d)", ""},
		{"encode", "encode", []logical.Expr{col("c", s, false), str("UTF-8")}, b, true, "encode(c, UTF-8)", ""},
		{"decode bytes", "decode", []logical.Expr{col("a", b, false), str("UTF-8")}, s, true, "decode(a, UTF-8)", ""},
		{"decode as case with default", "decode", []logical.Expr{i(3), i(1), str("a"), str("z")}, s, false, "decode(3, 1, a, z)", ""},
		{"find_in_set", "find_in_set", []logical.Expr{str("ab"), str("abc,b,ab")}, types.Int, false, "find_in_set(ab, abc,b,ab)", ""},
		{"format_number is nullable", "format_number", []logical.Expr{col("a", types.Long, false), i(4)}, s, true, "format_number(a, 4)", ""},
		{"overlay shows its default length", "overlay", []logical.Expr{col("x", s, false), col("y", s, false), i(7)}, s, false, "overlay(x, y, 7, -1)", ""},
		{"overlay of binary", "overlay", []logical.Expr{col("x", b, false), col("y", b, false), i(1)}, b, false, "overlay(x, y, 1, -1)", ""},
		{"mask shows its defaults", "mask", []logical.Expr{str("AbCD123-@$#")}, s, true, "mask(AbCD123-@$#, X, x, n, NULL)", ""},
		{"mask needs one character", "mask", []logical.Expr{col("d", s, true), str("YY")}, nil, false, "", "DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE"},
		{"sentences shows its defaults", "sentences", []logical.Expr{col("s", s, false)}, types.Array{Elem: types.Array{Elem: s}}, true, "sentences(s, , )", ""},
		{"split_part", "split_part", []logical.Expr{str("11.12.13"), str("."), i(3)}, s, true, "split_part(11.12.13, ., 3)", ""},
		{"substring_index", "substring_index", []logical.Expr{str("a.b"), str("."), i(1)}, s, false, "substring_index(a.b, ., 1)", ""},
		{"to_binary defaults to hex", "to_binary", []logical.Expr{str("414243")}, b, true, "to_binary(414243)", ""},
		{"to_binary base64 of a literal", "to_binary", []logical.Expr{str("QUJD"), str("base64")}, b, false, "to_binary(QUJD, base64)", ""},
		{"to_binary bad format", "to_binary", []logical.Expr{str("abc"), str("bad")}, nil, false, "", "DATATYPE_MISMATCH.INVALID_ARG_VALUE"},
		{"unbase64", "unbase64", []logical.Expr{str("U3Bhcms=")}, b, false, "unbase64(U3Bhcms=)", ""},
		{"unhex is nullable", "unhex", []logical.Expr{str("41")}, b, true, "unhex(41)", ""},
		{"to_char of a decimal", "to_char", []logical.Expr{col("e", types.Decimal{Precision: 4, Scale: 2}, false), str("$99.99")}, s, false, "to_char(e, $99.99)", ""},
		{"to_varchar alias", "to_varchar", []logical.Expr{col("e", types.Decimal{Precision: 4, Scale: 2}, false), str("$99.99")}, s, false, "to_varchar(e, $99.99)", ""},
		{"to_char of binary is hex", "to_char", []logical.Expr{col("x", b, false), str("hex")}, s, false, "hex(x)", ""},
		{"to_char bad format", "to_char", []logical.Expr{i(5), str("PR99")}, nil, false, "", "INVALID_FORMAT.UNEXPECTED_TOKEN"},
		{"to_number type from the format", "to_number", []logical.Expr{str("$78.12"), str("$99.99")}, types.Decimal{Precision: 4, Scale: 2}, false, "to_number($78.12, $99.99)", ""},
		{"to_number grouping", "to_number", []logical.Expr{str("5"), str("$999,999.00")}, types.Decimal{Precision: 8, Scale: 2}, false, "to_number(5, $999,999.00)", ""},
		{"try_to_number is nullable", "try_to_number", []logical.Expr{str("abc"), str("99")}, types.Decimal{Precision: 2}, true, "try_to_number(abc, 99)", ""},
		{"to_number without digits", "to_number", []logical.Expr{str("abc"), str("xyz")}, nil, false, "", "INVALID_FORMAT.WRONG_NUM_DIGIT"},
		{"regexp_extract_all shows its default", "regexp_extract_all", []logical.Expr{col("str", s, false), str("(\\d+)")}, types.Array{Elem: s, ContainsNull: true}, false, "regexp_extract_all(str, (\\d+), 1)", ""},
		{"regexp_instr shows its default", "regexp_instr", []logical.Expr{col("str", s, false), str("a")}, types.Int, false, "regexp_instr(str, a, 0)", ""},
		{"regexp_substr is nullable", "regexp_substr", []logical.Expr{str("1a"), str("\\d+")}, s, true, "regexp_substr(1a, \\d+)", ""},
		{"regexp_count", "regexp_count", []logical.Expr{col("str", s, true), str("\\d+")}, types.Int, true, "regexp_count(str, \\d+)", ""},
		{"bit_length", "bit_length", []logical.Expr{col("cat", s, false)}, types.Int, false, "bit_length(cat)", ""},
		{"is_valid_utf8", "is_valid_utf8", []logical.Expr{str("a")}, types.Boolean, true, "is_valid_utf8(a)", ""},
		{"collation", "collation", []logical.Expr{str("a")}, s, false, "collation(a)", ""},
		{"url_encode", "url_encode", []logical.Expr{col("url", s, false)}, s, true, "url_encode(url)", ""},
		{"parse_url", "parse_url", []logical.Expr{col("url", s, false), col("part", s, false)}, s, true, "parse_url(url, part)", ""},
		{"aes_encrypt shows its defaults", "aes_encrypt", []logical.Expr{col("input", s, false), col("key", s, false)}, b, true, "aes_encrypt(input, key, GCM, DEFAULT, , )", ""},
		{"aes_decrypt shows its defaults", "aes_decrypt", []logical.Expr{col("input", b, false), col("key", s, false), str("CBC")}, b, true, "aes_decrypt(input, key, CBC, DEFAULT, )", ""},
		{"aes key must be binary", "aes_encrypt", []logical.Expr{col("input", s, false), i(1)}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"null literal to quote", "quote", []logical.Expr{null}, s, true, "quote(NULL)", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(ctx, tc.fn, tc.args, false)
			if tc.wantErr != "" {
				if se, ok := sparkerr.As(err); !ok || se.Class != tc.wantErr {
					t.Fatalf("got %v, want error %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !types.Equal(e.Type(), tc.wantType) {
				t.Errorf("type %s, want %s", e.Type().SimpleString(), tc.wantType.SimpleString())
			}
			if e.Nullable() != tc.wantNull {
				t.Errorf("nullable %v, want %v", e.Nullable(), tc.wantNull)
			}
			if e.SQL() != tc.wantSQL {
				t.Errorf("name %q, want %q", e.SQL(), tc.wantSQL)
			}
		})
	}
}

// TestLikeLowering: a pattern without a backslash needs no ESCAPE clause
// (DuckDB's fast LIKE matchers only apply without one).
func TestLikeLowering(t *testing.T) {
	col := &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: "s", Type: types.String, Nullable: true}}
	lit := func(s string) logical.Expr { return &logical.Lit{T: types.String, V: s, Text: s} }
	tests := []struct {
		name    string
		fn      string
		pattern string
		want    string
	}{
		{"plain pattern", "like", "%special%requests%", "(S LIKE P)"},
		{"backslash keeps Spark's escape", "like", `100\%`, `(S LIKE P ESCAPE '\')`},
		{"ilike plain", "ilike", "a%", "(S ILIKE P)"},
	}
	for _, tc := range tests {
		e, err := Call(&Ctx{ANSI: true, TimeZone: "UTC"}, tc.fn, []logical.Expr{col, lit(tc.pattern)}, false)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, err := Lower(&LowerCtx{ANSI: true, TimeZone: "UTC"}, e.(*logical.Call), []string{"S", "P"})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestPartitionFunctionsWithoutLayout: where Spark's partition layout is
// unknown, spark_partition_id refuses instead of guessing, while
// monotonically_increasing_id numbers the rows (unique and increasing).
func TestPartitionFunctionsWithoutLayout(t *testing.T) {
	ctx := &Ctx{ANSI: true, TimeZone: "UTC"}
	pid, err := Call(ctx, "spark_partition_id", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lower(&LowerCtx{}, pid.(*logical.Call), nil); err == nil {
		t.Error("spark_partition_id without a layout: want UNSUPPORTED, got SQL")
	}
	if got, err := Lower(&LowerCtx{Position: &RowPosition{Partition: "P", Pos: "N"}}, pid.(*logical.Call), nil); err != nil || got != "CAST(P AS INTEGER)" {
		t.Errorf("spark_partition_id with a layout: %q, %v", got, err)
	}
	mid, err := Call(ctx, "monotonically_increasing_id", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Lower(&LowerCtx{}, mid.(*logical.Call), nil); err != nil || got != "(row_number() OVER () - 1)" {
		t.Errorf("monotonically_increasing_id without a layout: %q, %v", got, err)
	}
}
