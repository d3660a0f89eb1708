// Package sparkerr defines Spark's user-facing errors: an error class, its
// message parameters, a SQLSTATE and the Java exception class PySpark uses
// to pick the Python exception type. Every layer returns *Error for errors a
// user should see; the server turns them into gRPC statuses with ErrorInfo.
package sparkerr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Java exception classes PySpark dispatches on.
const (
	AnalysisException        = "org.apache.spark.sql.AnalysisException"
	ParseException           = "org.apache.spark.sql.catalyst.parser.ParseException"
	IllegalArgument          = "java.lang.IllegalArgumentException"
	ArithmeticException      = "org.apache.spark.SparkArithmeticException"
	NumberFormatException    = "org.apache.spark.SparkNumberFormatException"
	DateTimeException        = "org.apache.spark.SparkDateTimeException"
	ArrayIndexOutOfBounds    = "org.apache.spark.SparkArrayIndexOutOfBoundsException"
	UnsupportedOperation     = "org.apache.spark.SparkUnsupportedOperationException"
	RuntimeException         = "org.apache.spark.SparkRuntimeException"
	SparkException           = "org.apache.spark.SparkException"
	NoSuchElementException   = "org.apache.spark.SparkNoSuchElementException"
	SparkIllegalArgument     = "org.apache.spark.SparkIllegalArgumentException"
	InvalidPlanInput         = "org.apache.spark.sql.connect.common.InvalidPlanInput"
	SparkSQLException        = "org.apache.spark.SparkSQLException"
	SparkConnectGrpcInternal = "org.apache.spark.SparkException"
	ClassNotFound            = "org.apache.spark.SparkClassNotFoundException"
	PatternSyntax            = "java.util.regex.PatternSyntaxException"
	UpgradeException         = "org.apache.spark.SparkUpgradeException"
	PythonException          = "org.apache.spark.api.python.PythonException"
)

// hierarchy lists, for each Java class we raise, the classes PySpark should
// see after it (most specific first), ending with the generic ones.
var hierarchy = map[string][]string{
	PythonException:        {"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	ParseException:         {AnalysisException, "org.apache.spark.SparkThrowable", "java.lang.Exception", "java.lang.Throwable"},
	AnalysisException:      {"org.apache.spark.SparkThrowable", "java.lang.Exception", "java.lang.Throwable"},
	ArithmeticException:    {"java.lang.ArithmeticException", "org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	NumberFormatException:  {"java.lang.NumberFormatException", "java.lang.IllegalArgumentException", "org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	DateTimeException:      {"java.time.DateTimeException", "org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	ArrayIndexOutOfBounds:  {"java.lang.ArrayIndexOutOfBoundsException", "org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	UnsupportedOperation:   {"java.lang.UnsupportedOperationException", "org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	RuntimeException:       {"org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	SparkIllegalArgument:   {"java.lang.IllegalArgumentException", "org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	IllegalArgument:        {"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	UpgradeException:       {"org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	PatternSyntax:          {"java.lang.IllegalArgumentException", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	NoSuchElementException: {"java.util.NoSuchElementException", "org.apache.spark.SparkThrowable", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	SparkException:         {"org.apache.spark.SparkThrowable", "java.lang.Exception", "java.lang.Throwable"},
	InvalidPlanInput:       {"org.apache.spark.SparkThrowable", "java.lang.Exception", "java.lang.Throwable"},
	SparkSQLException:      {"org.apache.spark.SparkThrowable", "java.lang.Exception", "java.lang.Throwable"},
	ClassNotFound:          {"java.lang.ClassNotFoundException", "java.lang.ReflectiveOperationException", "org.apache.spark.SparkThrowable", "java.lang.Exception", "java.lang.Throwable"},
}

// Error is a Spark error with a class, parameters and SQLSTATE.
type Error struct {
	Class     string            // error class, e.g. "TABLE_OR_VIEW_NOT_FOUND" or "UNRESOLVED_COLUMN.WITH_SUGGESTION"
	Params    map[string]string // message parameters
	SQLState  string
	JavaClass string // the exception class PySpark maps (see constants)
	// Text is the message body after "[CLASS] " (without the SQLSTATE suffix).
	Text string
	// Context is appended after the SQLSTATE, e.g. "; line 1 pos 7" or a
	// query-context fragment, as Spark adds.
	Context string
	// Context35, when set, replaces Context for Spark 3.5 clients (3.5
	// places some parse errors by position where 4.x quotes a fragment).
	Context35 string
	Cause     error
	// Spark35 renders the message the way Spark 3.5 does (for 3.5 clients).
	Spark35 bool
	// ShownClass, when set, is the class printed in the message where Spark
	// prints a different one than it reports (Spark 4 reports
	// INSERT_PARTITION_COLUMN_ARITY_MISMATCH with an INSERT_COLUMN_ARITY_MISMATCH text).
	ShownClass string
	// Text35, when set, is the whole message Spark 3.5 prints instead: an
	// error that 3.5 raised without an error class.
	Text35 string
	// JavaClass35, when set, is the exception class Spark 3.5 raises
	// instead (with Text35: the plain Java exception 3.5 threw).
	JavaClass35 string
	// Params35 overrides message parameters that Spark 3.5 renders
	// differently (e.g. schema names without their catalog).
	Params35 map[string]string
}

func (e *Error) Error() string { return e.Message() }

// ForSpark35 marks e for a Spark 3.5 client: its message is worded as 3.5
// words it, and a class 3.5 knew under another name takes that name.
func (e *Error) ForSpark35() {
	e.Spark35 = true
	if old, ok := classes35[e.Class]; ok {
		e.Class = old
	}
}

func (e *Error) Unwrap() error { return e.Cause }

// Message is the text Spark shows: "[CLASS] text SQLSTATE: xxxxx".
func (e *Error) Message() string {
	var b strings.Builder
	ctx := e.Context
	if e.Spark35 && e.Context35 != "" {
		ctx = e.Context35
	}
	if e.JavaClass == ParseException {
		// ParseException messages start on a new line.
		b.WriteString("\n")
	}
	if e.Spark35 && e.Text35 != "" {
		b.WriteString(e.Text35)
		b.WriteString(ctx)
		return b.String()
	}
	if e.Class != "" && !strings.HasPrefix(e.Class, "_LEGACY_ERROR_") {
		// Legacy errors print their text alone, as Spark does.
		b.WriteString("[")
		if e.ShownClass != "" {
			b.WriteString(e.ShownClass)
		} else {
			b.WriteString(e.Class)
		}
		b.WriteString("] ")
	}
	text := e.Text
	if e.Spark35 {
		t, ok := templates35[e.Class]
		if !ok && len(e.Params35) > 0 {
			t, ok = templates[e.Class].text, true
		}
		if ok {
			text = t
			for k, v := range e.Params35 {
				text = strings.ReplaceAll(text, "<"+k+">", v)
			}
			for k, v := range e.Params {
				text = strings.ReplaceAll(text, "<"+k+">", v)
			}
		}
	}
	b.WriteString(text)
	if e.SQLState != "" && !e.Spark35 {
		b.WriteString(" SQLSTATE: ")
		b.WriteString(e.SQLState)
	}
	if e.Spark35 && e.JavaClass == ParseException && strings.HasPrefix(ctx, " (line ") {
		// Spark 3.5 prints the position right after the message.
		b.WriteString(ctx[1:])
		return b.String()
	}
	b.WriteString(ctx)
	return b.String()
}

// Classes is the JSON-able class hierarchy for ErrorInfo metadata.
func (e *Error) Classes() []string {
	jc := e.JavaClass
	if e.Spark35 && e.JavaClass35 != "" {
		jc = e.JavaClass35
	}
	if jc == "" {
		jc = SparkException
	}
	return append([]string{jc}, hierarchy[jc]...)
}

// As extracts a *Error from err's chain.
func As(err error) (*Error, bool) {
	var se *Error
	if errors.As(err, &se) {
		return se, true
	}
	return nil, false
}

// New builds an error from the message template registered for class,
// substituting <param> placeholders. Unknown classes render their params.
func New(class string, params map[string]string) *Error {
	t, ok := templates[class]
	if !ok {
		keys := make([]string, 0, len(params))
		for k := range params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, k+"="+params[k])
		}
		return &Error{Class: class, Params: params, SQLState: "XX000", JavaClass: SparkException, Text: strings.Join(parts, ", ")}
	}
	text := t.text
	for k, v := range params {
		text = strings.ReplaceAll(text, "<"+k+">", v)
	}
	if params == nil {
		params = map[string]string{}
	}
	return &Error{Class: class, Params: params, SQLState: t.state, JavaClass: t.java, Text: text}
}

// Newf is New with params given as alternating key, value strings.
func Newf(class string, kv ...string) *Error {
	params := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		params[kv[i]] = kv[i+1]
	}
	return New(class, params)
}

// WithJava overrides the exception class (some error classes are raised as
// different exceptions depending on where they happen).
func (e *Error) WithJava(java string) *Error { e.JavaClass = java; return e }

// WithContext appends Spark's position/context suffix.
func (e *Error) WithContext(ctx string) *Error { e.Context = ctx; return e }

// Internal wraps an unexpected failure as Spark's INTERNAL_ERROR.
func Internal(format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Class: "INTERNAL_ERROR", Params: map[string]string{"message": msg}, SQLState: "XX000", JavaClass: SparkException, Text: msg}
}

// Unclassified is an error Spark raises as a plain Java exception (java is
// its class) without an error class, SQLSTATE or parameters: the client
// shows the text alone.
func Unclassified(java, text string) *Error {
	return &Error{JavaClass: java, Text: text}
}

// Unsupported reports a feature Ember does not implement yet.
func Unsupported(feature string) *Error {
	return Newf("UNSUPPORTED_FEATURE.EMBER", "feature", feature)
}

// QuoteID quotes an identifier part the way Spark's messages do: `name`.
func QuoteID(parts ...string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = "`" + strings.ReplaceAll(p, "`", "``") + "`"
	}
	return strings.Join(q, ".")
}
