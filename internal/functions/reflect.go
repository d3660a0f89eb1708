package functions

import (
	"crypto/rand"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// reflect / java_method / try_reflect call a static Java method by name.
// Ember has no JVM: it carries a table of the JDK static methods people
// call this way (javaStatics), each implemented in Go with Java's result
// text. A class outside the table is "not found" and a method outside it
// does not match, with Spark's own errors; a failing call (Java's
// InvocationTargetException) fails the query, or gives NULL under
// try_reflect.
//
// Spark's matching: the method's name and arity must match, and each
// parameter type must accept the argument's Java type (BOOLEAN boolean,
// TINYINT byte, SMALLINT short, INT int, BIGINT long, FLOAT float, DOUBLE
// double, STRING String; the primitive, its box, or a supertype such as
// Object). There is no widening: Math.sqrt(2) does not match sqrt(double).

func init() {
	Register(
		&Def{Name: "reflect", Aliases: []string{"java_method"}, MinArgs: 2, MaxArgs: -1, Resolve: resolveReflect(false), Lower: lowerReflect(false), Group: "misc", Since: "2.0.0", ShowAlias: true},
		&Def{Name: "try_reflect", MinArgs: 2, MaxArgs: -1, Resolve: resolveReflect(true), Lower: lowerReflect(true), Group: "misc", Since: "4.0.0"},
	)
}

// inexactJavaMath are JDK methods whose floating-point results Go's math
// package does not reproduce to the last digit (checked against Spark's
// JVM): reflect refuses them instead of printing a different digit.
var inexactJavaMath = map[string]bool{}

func init() {
	for _, n := range []string{"exp", "expm1", "log", "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan",
		"sinh", "cosh", "tanh", "cbrt", "pow", "atan2", "hypot", "IEEEremainder", "ulp", "nextUp", "nextDown", "nextAfter", "scalb", "fma"} {
		inexactJavaMath["java.lang.Math."+n] = true
		inexactJavaMath["java.lang.StrictMath."+n] = true
	}
}

// jparam is a Java parameter type of a method in the table.
type jparam string

const (
	jBoolean jparam = "boolean"
	jInt     jparam = "int"
	jLong    jparam = "long"
	jFloat   jparam = "float"
	jDouble  jparam = "double"
	jString  jparam = "String"
	jObject  jparam = "Object"
)

// accepts reports whether a parameter of type p takes an argument of
// Spark type t.
func (p jparam) accepts(t types.DataType) bool {
	if p == jObject {
		return true
	}
	switch t.Kind() {
	case types.KindBoolean:
		return p == jBoolean
	case types.KindInt:
		return p == jInt
	case types.KindLong:
		return p == jLong
	case types.KindFloat:
		return p == jFloat
	case types.KindDouble:
		return p == jDouble
	case types.KindString:
		return p == jString
	}
	return false // byte and short: no method of the table takes them
}

func (p jparam) primitive() bool { return p != jString && p != jObject }

// jvalue is an argument as the Go implementations see it: bool, int32,
// int64, float32, float64, string, or nil for a NULL reference.
type jvalue = any

// javaStatic is one static method of the table.
type javaStatic struct {
	class, name string
	params      []jparam
	// fn returns the method's result as String.valueOf prints it; null
	// for a null result. An error is an exception the method throws.
	fn func(args []jvalue) (res string, null bool, err error)
}

func (m *javaStatic) key() string {
	ps := make([]string, len(m.params))
	for i, p := range m.params {
		ps[i] = string(p)
	}
	return m.class + "." + m.name + "(" + strings.Join(ps, ",") + ")"
}

var (
	javaStatics      []*javaStatic
	javaStaticsByKey = map[string]*javaStatic{}
	javaClasses      = map[string]bool{}
)

func addStatic(class, name string, params []jparam, fn func([]jvalue) (string, bool, error)) {
	m := &javaStatic{class: class, name: name, params: params, fn: fn}
	javaStatics = append(javaStatics, m)
	javaStaticsByKey[m.key()] = m
	javaClasses[class] = true
}

// javaException is an exception thrown by a method of the table.
type javaException struct{ class, msg string }

func (e *javaException) Error() string {
	if e.msg == "" {
		return e.class
	}
	return e.class + ": " + e.msg
}

func throw(class, msg string) (string, bool, error) {
	return "", false, &javaException{class, msg}
}

func ok(s string) (string, bool, error) { return s, false, nil }

// JavaStaticNames lists the methods reflect can call, as
// class.method(param types).
func JavaStaticNames() []string {
	out := make([]string, len(javaStatics))
	for i, m := range javaStatics {
		out[i] = m.key()
	}
	return out
}

// findStatic is Spark's method lookup over the table.
func findStatic(class, name string, args []logical.Expr) *javaStatic {
	for _, m := range javaStatics {
		if m.class != class || m.name != name || len(m.params) != len(args) {
			continue
		}
		match := true
		for i, p := range m.params {
			if !p.accepts(args[i].Type()) {
				match = false
				break
			}
		}
		if match {
			return m
		}
	}
	return nil
}

// reflectTypes are the argument types reflect accepts after the method.
const reflectTypes = `("BOOLEAN" or "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "FLOAT" or "DOUBLE" or "STRING")`

func resolveReflect(try bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		shown := strings.ToLower(name)
		if try {
			shown = "reflect"
		}
		sqlExpr := DefaultPretty(shown, args, false)
		var names [2]string
		for i, in := range []string{"`class`", "`method`"} {
			s, isStr := litString(args[i])
			if !isStr {
				if !types.IsStringLike(args[i].Type()) && !isNullLit(args[i]) {
					return nil, nil, false, typeMismatch(sqlExpr, i+1, `"STRING"`, args[i])
				}
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+sqlExpr+"\"",
					"inputName", in, "inputType", `"STRING"`, "inputExpr", "\""+args[i].SQL()+"\"")
			}
			names[i] = s
		}
		if inexactJavaMath[names[0]+"."+names[1]] {
			return nil, nil, false, sparkerr.Unsupported("reflect of " + names[0] + "." + names[1] +
				" (the JVM's last-digit result of this function is not reproduced)")
		}
		if !javaClasses[names[0]] {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_CLASS_TYPE", "sqlExpr", "\""+sqlExpr+"\"", "className", names[0])
		}
		for i, a := range args[2:] {
			switch a.Type().Kind() {
			case types.KindBoolean, types.KindByte, types.KindShort, types.KindInt, types.KindLong, types.KindFloat, types.KindDouble, types.KindString:
			default:
				return nil, nil, false, typeMismatch(sqlExpr, i+3, reflectTypes, a)
			}
		}
		if findStatic(names[0], names[1], args[2:]) == nil {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_STATIC_METHOD", "sqlExpr", "\""+sqlExpr+"\"",
				"methodName", names[1], "className", names[0])
		}
		return args, types.String, true, nil
	}
}

func lowerReflect(try bool) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		class, _ := litString(call.Args[0])
		name, _ := litString(call.Args[1])
		m := findStatic(class, name, call.Args[2:])
		if m == nil {
			return "", sparkerr.Internal("reflect: no method %s.%s for the resolved arguments", class, name)
		}
		kinds := make([]string, len(call.Args)-2)
		for i, a := range call.Args[2:] {
			kinds[i] = javaKindOf(a.Type())
		}
		parts := []string{QuoteString(m.key() + "|" + strings.Join(kinds, ",")), strconv.FormatBool(!try)}
		for _, a := range args[2:] {
			parts = append(parts, "CAST("+a+" AS VARCHAR)")
		}
		return "ember_reflect(" + strings.Join(parts, ", ") + ")", nil
	}
}

// CallJavaStatic runs the method of the table named key (see
// javaStatic.key) on arguments given as DuckDB's text of their values
// (nil for NULL). failOnError turns an exception into Spark's task
// failure; without it the result is NULL.
func CallJavaStatic(key string, failOnError bool, texts []*string) (res string, null bool, err error) {
	key, kindList, _ := strings.Cut(key, "|")
	m, found := javaStaticsByKey[key]
	if !found {
		return "", false, sparkerr.Internal("reflect: unknown method %s", key)
	}
	var kinds []string
	if kindList != "" {
		kinds = strings.Split(kindList, ",")
	}
	if len(texts) != len(m.params) || len(kinds) != len(texts) {
		return "", false, sparkerr.Internal("reflect: %s called with %d arguments", key, len(texts))
	}
	args := make([]jvalue, len(texts))
	for i, p := range m.params {
		if texts[i] == nil {
			if p.primitive() {
				// Method.invoke cannot unbox a null.
				return reflectFailure(failOnError, &javaException{"java.lang.IllegalArgumentException", ""})
			}
			continue
		}
		v, err := javaArg(p, kinds[i], *texts[i])
		if err != nil {
			return "", false, err
		}
		args[i] = v
	}
	res, null, err = m.fn(args)
	if err != nil {
		return reflectFailure(failOnError, err)
	}
	return res, null, nil
}

func reflectFailure(failOnError bool, err error) (string, bool, error) {
	if !failOnError {
		return "", true, nil
	}
	cause := "java.lang.reflect.InvocationTargetException"
	if je, ok := err.(*javaException); ok && je.class == "java.lang.IllegalArgumentException" && je.msg == "" {
		cause = je.class
	}
	text := "Job aborted due to stage failure: " + cause + " (reflect: " + err.Error() + ")"
	e := sparkerr.Unclassified(sparkerr.SparkException, text)
	// The message travels through DuckDB as a parameter (EncodeRaised).
	e.Params = map[string]string{"message": text}
	return "", false, e
}

// javaKindOf names the Java type an argument of Spark type t arrives as.
func javaKindOf(t types.DataType) string {
	switch t.Kind() {
	case types.KindBoolean:
		return "boolean"
	case types.KindByte:
		return "byte"
	case types.KindShort:
		return "short"
	case types.KindInt:
		return "int"
	case types.KindLong:
		return "long"
	case types.KindFloat:
		return "float"
	case types.KindDouble:
		return "double"
	}
	return "String"
}

// javaArg converts DuckDB's text of an argument (of Java kind k) to the Go
// value of the parameter type: bool, int32, int64, float32, float64 or
// string; an Object parameter gets the text String.valueOf prints.
func javaArg(p jparam, k, s string) (jvalue, error) {
	var v jvalue
	var err error
	switch k {
	case "boolean":
		v = s == "true"
	case "byte", "short", "int":
		var i int64
		i, err = strconv.ParseInt(s, 10, 32)
		v = int32(i)
	case "long":
		v, err = strconv.ParseInt(s, 10, 64)
	case "float":
		var f float64
		f, err = strconv.ParseFloat(s, 32)
		v = float32(f)
	case "double":
		v, err = strconv.ParseFloat(s, 64)
	default:
		v = s
	}
	if err != nil {
		return nil, sparkerr.Internal("reflect: argument %q as %s: %v", s, k, err)
	}
	if p != jObject {
		return v, nil
	}
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x), nil
	case int32:
		return jint(x), nil
	case int64:
		return jlong(x), nil
	case float32:
		return jfloat(x), nil
	case float64:
		return jdouble(x), nil
	}
	return v, nil
}

// --- the table ---------------------------------------------------------

func jdouble(f float64) string { return types.JavaFloatString(f, 64) }
func jfloat(f float32) string  { return types.JavaFloatString(float64(f), 32) }
func jint(i int32) string      { return strconv.FormatInt(int64(i), 10) }
func jlong(i int64) string     { return strconv.FormatInt(i, 10) }

func arith() *javaException {
	return &javaException{"java.lang.ArithmeticException", "integer overflow"}
}

func init() {
	const uuidC, mathC, strC = "java.util.UUID", "java.lang.Math", "java.lang.String"
	addStatic(uuidC, "randomUUID", nil, func([]jvalue) (string, bool, error) {
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", false, fmt.Errorf("randomUUID: %w", err)
		}
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		return ok(formatUUID(b))
	})
	addStatic(uuidC, "fromString", []jparam{jString}, func(a []jvalue) (string, bool, error) {
		if a[0] == nil {
			return throw("java.lang.NullPointerException", "")
		}
		return uuidFromString(a[0].(string))
	})
	// String.valueOf(Object) takes every argument type.
	addStatic(strC, "valueOf", []jparam{jObject}, func(a []jvalue) (string, bool, error) {
		if a[0] == nil {
			return ok("null")
		}
		return ok(a[0].(string))
	})

	d1 := func(name string, f func(float64) float64) {
		addStatic(mathC, name, []jparam{jDouble}, func(a []jvalue) (string, bool, error) { return ok(jdouble(f(a[0].(float64)))) })
	}
	d2 := func(name string, f func(x, y float64) float64) {
		addStatic(mathC, name, []jparam{jDouble, jDouble}, func(a []jvalue) (string, bool, error) {
			return ok(jdouble(f(a[0].(float64), a[1].(float64))))
		})
	}
	d1("sqrt", math.Sqrt)
	d1("floor", math.Floor)
	d1("ceil", math.Ceil)
	d1("rint", math.RoundToEven)
	d1("toRadians", func(x float64) float64 { return x * 0.017453292519943295 })
	d1("toDegrees", func(x float64) float64 { return x * 57.29577951308232 })
	d1("signum", func(x float64) float64 {
		if x == 0 || math.IsNaN(x) {
			return x
		}
		return math.Copysign(1, x)
	})
	d1("abs", math.Abs)
	d2("max", javaMaxDouble)
	d2("min", func(x, y float64) float64 { return -javaMaxDouble(-x, -y) })
	addStatic(mathC, "abs", []jparam{jFloat}, func(a []jvalue) (string, bool, error) {
		return ok(jfloat(float32(math.Abs(float64(a[0].(float32))))))
	})
	addStatic(mathC, "round", []jparam{jDouble}, func(a []jvalue) (string, bool, error) {
		return ok(jlong(javaRound(a[0].(float64))))
	})
	addStatic(mathC, "round", []jparam{jFloat}, func(a []jvalue) (string, bool, error) {
		f := float64(a[0].(float32))
		if math.IsNaN(f) {
			return ok("0")
		}
		r := math.Floor(f)
		if f-r >= 0.5 {
			r++
		}
		return ok(jint(JavaDoubleToInt(r)))
	})
	addStatic(mathC, "random", nil, func([]jvalue) (string, bool, error) { return ok(jdouble(mrand.Float64())) })

	// Integral Math methods, for int and long.
	for _, w := range []jparam{jInt, jLong} {
		bits := 32
		if w == jLong {
			bits = 64
		}
		get := func(v jvalue) int64 {
			if i, isInt := v.(int32); isInt {
				return int64(i)
			}
			return v.(int64)
		}
		fits := func(v int64) bool { return bits == 64 || v == int64(int32(v)) }
		wrap := func(v int64) int64 {
			if bits == 32 {
				return int64(int32(v))
			}
			return v
		}
		out := func(v int64) (string, bool, error) { return ok(jlong(wrap(v))) }
		one := func(name string, f func(x int64) (string, bool, error)) {
			addStatic(mathC, name, []jparam{w}, func(a []jvalue) (string, bool, error) { return f(get(a[0])) })
		}
		two := func(name string, f func(x, y int64) (string, bool, error)) {
			addStatic(mathC, name, []jparam{w, w}, func(a []jvalue) (string, bool, error) { return f(get(a[0]), get(a[1])) })
		}
		one("abs", func(x int64) (string, bool, error) {
			if x < 0 {
				return out(-x)
			}
			return out(x)
		})
		two("max", func(x, y int64) (string, bool, error) { return out(max(x, y)) })
		two("min", func(x, y int64) (string, bool, error) { return out(min(x, y)) })
		two("floorDiv", func(x, y int64) (string, bool, error) {
			if y == 0 {
				return throw("java.lang.ArithmeticException", "/ by zero")
			}
			q := x / y
			if (x%y != 0) && ((x < 0) != (y < 0)) {
				q--
			}
			return out(q)
		})
		two("floorMod", func(x, y int64) (string, bool, error) {
			if y == 0 {
				return throw("java.lang.ArithmeticException", "/ by zero")
			}
			m := x % y
			if m != 0 && ((m < 0) != (y < 0)) {
				m += y
			}
			return out(m)
		})
		exact := func(name string, f func(x, y int64) (int64, bool)) {
			two(name, func(x, y int64) (string, bool, error) {
				r, okr := f(x, y)
				if !okr || !fits(r) {
					return "", false, arith()
				}
				return out(r)
			})
		}
		exact("addExact", func(x, y int64) (int64, bool) {
			r := x + y
			return r, !((x > 0 && y > 0 && r < 0) || (x < 0 && y < 0 && r >= 0))
		})
		exact("subtractExact", func(x, y int64) (int64, bool) {
			r := x - y
			return r, !((x >= 0 && y < 0 && r < 0) || (x < 0 && y > 0 && r >= 0))
		})
		exact("multiplyExact", func(x, y int64) (int64, bool) {
			if x == 0 || y == 0 {
				return 0, true
			}
			r := x * y
			return r, r/y == x && !(x == -1 && y == math.MinInt64) && !(y == -1 && x == math.MinInt64)
		})
		unaryExact := func(name string, f func(x int64) int64) {
			one(name, func(x int64) (string, bool, error) {
				r := f(x)
				if (bits == 64 && ((name == "negateExact" && x == math.MinInt64) || (name == "incrementExact" && x == math.MaxInt64) || (name == "decrementExact" && x == math.MinInt64))) || !fits(r) {
					return "", false, arith()
				}
				return out(r)
			})
		}
		unaryExact("negateExact", func(x int64) int64 { return -x })
		unaryExact("incrementExact", func(x int64) int64 { return x + 1 })
		unaryExact("decrementExact", func(x int64) int64 { return x - 1 })
	}
	addStatic(mathC, "toIntExact", []jparam{jLong}, func(a []jvalue) (string, bool, error) {
		x := a[0].(int64)
		if x != int64(int32(x)) {
			return "", false, arith()
		}
		return ok(jlong(x))
	})

	// Integer and Long.
	for _, w := range []struct {
		class string
		p     jparam
		bits  int
	}{{"java.lang.Integer", jInt, 32}, {"java.lang.Long", jLong, 64}} {
		w := w
		get := func(v jvalue) int64 {
			if i, isInt := v.(int32); isInt {
				return int64(i)
			}
			return v.(int64)
		}
		unsigned := func(x int64) uint64 {
			if w.bits == 32 {
				return uint64(uint32(x))
			}
			return uint64(x)
		}
		parse := func(a []jvalue, radix int) (string, bool, error) {
			if a[0] == nil {
				if w.bits == 32 {
					return throw("java.lang.NumberFormatException", "Cannot parse null string: null")
				}
				return throw("java.lang.NumberFormatException", "Cannot parse null string")
			}
			s := a[0].(string)
			if radix < 2 || radix > 36 || s == "" || strings.ContainsAny(s, "_") {
				return throw("java.lang.NumberFormatException", "For input string: \""+s+"\"")
			}
			v, err := strconv.ParseInt(s, radix, w.bits)
			if err != nil {
				return throw("java.lang.NumberFormatException", "For input string: \""+s+"\"")
			}
			return ok(jlong(v))
		}
		for _, name := range []string{"parse" + map[int]string{32: "Int", 64: "Long"}[w.bits], "valueOf"} {
			addStatic(w.class, name, []jparam{jString}, func(a []jvalue) (string, bool, error) { return parse(a, 10) })
			addStatic(w.class, name, []jparam{jString, jInt}, func(a []jvalue) (string, bool, error) { return parse(a, int(a[1].(int32))) })
		}
		addStatic(w.class, "valueOf", []jparam{w.p}, func(a []jvalue) (string, bool, error) { return ok(jlong(get(a[0]))) })
		addStatic(w.class, "toString", []jparam{w.p}, func(a []jvalue) (string, bool, error) { return ok(jlong(get(a[0]))) })
		addStatic(w.class, "toString", []jparam{w.p, jInt}, func(a []jvalue) (string, bool, error) {
			radix := int(a[1].(int32))
			if radix < 2 || radix > 36 {
				radix = 10
			}
			return ok(strconv.FormatInt(get(a[0]), radix))
		})
		addStatic(w.class, "toHexString", []jparam{w.p}, func(a []jvalue) (string, bool, error) { return ok(strconv.FormatUint(unsigned(get(a[0])), 16)) })
		addStatic(w.class, "toOctalString", []jparam{w.p}, func(a []jvalue) (string, bool, error) { return ok(strconv.FormatUint(unsigned(get(a[0])), 8)) })
		addStatic(w.class, "toBinaryString", []jparam{w.p}, func(a []jvalue) (string, bool, error) { return ok(strconv.FormatUint(unsigned(get(a[0])), 2)) })
		addStatic(w.class, "max", []jparam{w.p, w.p}, func(a []jvalue) (string, bool, error) { return ok(jlong(max(get(a[0]), get(a[1])))) })
		addStatic(w.class, "min", []jparam{w.p, w.p}, func(a []jvalue) (string, bool, error) { return ok(jlong(min(get(a[0]), get(a[1])))) })
		addStatic(w.class, "signum", []jparam{w.p}, func(a []jvalue) (string, bool, error) {
			x := get(a[0])
			switch {
			case x > 0:
				return ok("1")
			case x < 0:
				return ok("-1")
			}
			return ok("0")
		})
	}

	// Double.
	const dblC = "java.lang.Double"
	parseD := func(a []jvalue) (string, bool, error) {
		if a[0] == nil {
			return throw("java.lang.NullPointerException", "")
		}
		f, err := javaParseDouble(a[0].(string))
		if err != nil {
			return "", false, err
		}
		return ok(jdouble(f))
	}
	addStatic(dblC, "parseDouble", []jparam{jString}, parseD)
	addStatic(dblC, "valueOf", []jparam{jString}, parseD)
	addStatic(dblC, "valueOf", []jparam{jDouble}, func(a []jvalue) (string, bool, error) { return ok(jdouble(a[0].(float64))) })
	addStatic(dblC, "toString", []jparam{jDouble}, func(a []jvalue) (string, bool, error) { return ok(jdouble(a[0].(float64))) })
	addStatic(dblC, "isNaN", []jparam{jDouble}, func(a []jvalue) (string, bool, error) { return ok(strconv.FormatBool(math.IsNaN(a[0].(float64)))) })
	addStatic(dblC, "isInfinite", []jparam{jDouble}, func(a []jvalue) (string, bool, error) {
		return ok(strconv.FormatBool(math.IsInf(a[0].(float64), 0)))
	})

	// scala.Predef.require(boolean): a void method, printed "null".
	addStatic("scala.Predef", "require", []jparam{jBoolean}, func(a []jvalue) (string, bool, error) {
		if !a[0].(bool) {
			return throw("java.lang.IllegalArgumentException", "requirement failed")
		}
		return ok("null")
	})

	// URL encoding.
	for _, c := range []struct {
		class, name string
		fn          func(s, charset string) (string, bool, error)
	}{{"java.net.URLDecoder", "decode", urlDecode}, {"java.net.URLEncoder", "encode", urlEncode}} {
		c := c
		addStatic(c.class, c.name, []jparam{jString}, func(a []jvalue) (string, bool, error) {
			if a[0] == nil {
				return throw("java.lang.NullPointerException", "")
			}
			return c.fn(a[0].(string), "UTF-8")
		})
		addStatic(c.class, c.name, []jparam{jString, jString}, func(a []jvalue) (string, bool, error) {
			if a[0] == nil || a[1] == nil {
				return throw("java.lang.NullPointerException", "")
			}
			return c.fn(a[0].(string), a[1].(string))
		})
	}
}

// javaMaxDouble is Math.max(double, double): NaN wins, +0.0 beats -0.0.
func javaMaxDouble(x, y float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.NaN()
	}
	if x == 0 && y == 0 {
		if math.Signbit(x) {
			return y
		}
		return x
	}
	return math.Max(x, y)
}

func formatUUID(b [16]byte) string {
	const hexd = "0123456789abcdef"
	var sb strings.Builder
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			sb.WriteByte('-')
		}
		sb.WriteByte(hexd[c>>4])
		sb.WriteByte(hexd[c&15])
	}
	return sb.String()
}

// uuidFromString is UUID.fromString: five '-'-separated hexadecimal
// fields (Long.parseLong with radix 16 each, so a sign is allowed), masked
// to 8-4-4-4-12 digits.
func uuidFromString(s string) (string, bool, error) {
	invalid := func() (string, bool, error) {
		return throw("java.lang.IllegalArgumentException", "Invalid UUID string: "+s)
	}
	if len(s) > 36 {
		return throw("java.lang.IllegalArgumentException", "UUID string too large")
	}
	parts := strings.Split(s, "-")
	if len(parts) < 5 {
		return invalid()
	}
	if len(parts) > 5 {
		// Java reads the last field up to the end, dashes included.
		parts = append(parts[:4], strings.Join(parts[4:], "-"))
	}
	var f [5]uint64
	for i, p := range parts {
		if p == "" || strings.ContainsAny(p, "_") {
			return throw("java.lang.NumberFormatException", "Error at index 0 in: \""+p+"\"")
		}
		v, err := strconv.ParseInt(p, 16, 64)
		if err != nil {
			return throw("java.lang.NumberFormatException", "For input string: \""+p+"\"")
		}
		f[i] = uint64(v)
	}
	var b [16]byte
	put := func(off, n int, v uint64) {
		for i := n - 1; i >= 0; i-- {
			b[off+i] = byte(v)
			v >>= 8
		}
	}
	put(0, 4, f[0]&0xffffffff)
	put(4, 2, f[1]&0xffff)
	put(6, 2, f[2]&0xffff)
	put(8, 2, f[3]&0xffff)
	put(10, 6, f[4]&0xffffffffffff)
	return ok(formatUUID(b))
}

var javaDoubleRE = regexp.MustCompile(`^[+-]?(NaN|Infinity|(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)[fFdD]?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+[fFdD]?)$`)

// javaParseDouble is Double.parseDouble: surrounding whitespace (and
// control characters) ignored, Java's literal syntax with an optional
// f/d suffix, NaN and Infinity spelled out.
func javaParseDouble(s string) (float64, error) {
	t := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if !javaDoubleRE.MatchString(t) {
		if t == "" {
			return 0, &javaException{"java.lang.NumberFormatException", "empty String"}
		}
		return 0, &javaException{"java.lang.NumberFormatException", "For input string: \"" + s + "\""}
	}
	neg := strings.HasPrefix(t, "-")
	body := strings.TrimLeft(t, "+-")
	switch body {
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		if neg {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	}
	if n := len(t); strings.ContainsAny(t[n-1:], "fFdD") {
		// A type suffix (hexadecimal digits cannot end the text: the
		// binary exponent is decimal).
		t = t[:n-1]
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return f, nil // ±Inf or 0, as Java rounds
		}
		return 0, &javaException{"java.lang.NumberFormatException", "For input string: \"" + s + "\""}
	}
	return f, nil
}

// urlCharset resolves the charsets URLDecoder/URLEncoder take here.
func urlCharset(name string) (string, error) {
	switch strings.ToUpper(strings.ReplaceAll(name, "_", "-")) {
	case "UTF-8", "UTF8":
		return "UTF-8", nil
	case "ISO-8859-1", "LATIN1", "ISO8859-1", "8859-1", "L1", "ISO-LATIN-1":
		return "ISO-8859-1", nil
	case "US-ASCII", "ASCII":
		return "US-ASCII", nil
	}
	return "", &javaException{"java.io.UnsupportedEncodingException", name}
}

func urlDecode(s, charset string) (string, bool, error) {
	cs, err := urlCharset(charset)
	if err != nil {
		return "", false, err
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '+':
			out.WriteByte(' ')
			i++
		case '%':
			var bs []byte
			for i < len(s) && s[i] == '%' {
				if i+3 > len(s) {
					return throw("java.lang.IllegalArgumentException", "URLDecoder: Incomplete trailing escape (%) pattern")
				}
				v, perr := strconv.ParseUint(s[i+1:i+3], 16, 8)
				if perr != nil || strings.ContainsAny(s[i+1:i+3], "+-") {
					return throw("java.lang.IllegalArgumentException", "URLDecoder: Illegal hex characters in escape (%) pattern")
				}
				bs = append(bs, byte(v))
				i += 3
			}
			out.WriteString(decodeBytes(bs, cs))
		default:
			out.WriteByte(c)
			i++
		}
	}
	return ok(out.String())
}

// decodeBytes is new String(bytes, charset) with Java's replacement of
// malformed input.
func decodeBytes(bs []byte, cs string) string {
	switch cs {
	case "ISO-8859-1":
		r := make([]rune, len(bs))
		for i, b := range bs {
			r[i] = rune(b)
		}
		return string(r)
	case "US-ASCII":
		r := make([]rune, len(bs))
		for i, b := range bs {
			if b >= 0x80 {
				r[i] = utf8.RuneError
			} else {
				r[i] = rune(b)
			}
		}
		return string(r)
	}
	return strings.ToValidUTF8(string(bs), "\uFFFD")
}

func urlEncode(s, charset string) (string, bool, error) {
	cs, err := urlCharset(charset)
	if err != nil {
		return "", false, err
	}
	const hexd = "0123456789ABCDEF"
	var out strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '*' || r == '_':
			out.WriteRune(r)
		case r == ' ':
			out.WriteByte('+')
		default:
			var bs []byte
			switch {
			case cs == "UTF-8":
				bs = []byte(string(r))
			case cs == "ISO-8859-1" && r < 0x100, cs == "US-ASCII" && r < 0x80:
				bs = []byte{byte(r)}
			default:
				bs = []byte{'?'}
			}
			for _, b := range bs {
				out.WriteByte('%')
				out.WriteByte(hexd[b>>4])
				out.WriteByte(hexd[b&15])
			}
		}
	}
	return ok(out.String())
}
