package connect

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

// Literal converts a Connect literal into a typed constant.
//
// The type comes, in order of precedence, from the literal's data_type
// field (4.x clients set it on the root literal for nulls and nested
// values), from the type fields inside array, map and struct literals
// (element_type, key_type/value_type, struct_type), or is inferred from the
// value (an array without element_type takes its first element's type).
// Nested values are converted with the type their parent declares.
//
// Values take the Go forms documented on plan.Literal; arrays and structs
// are []any, maps *plan.MapValue, decimals plan.DecimalValue scaled to the
// literal's type.
func Literal(l *sparkpb.Expression_Literal) (*plan.Literal, error) {
	lit, err := literal(l)
	if err != nil {
		return nil, unsupportedLiteralErr(err)
	}
	return lit, nil
}

// unsupportedError marks a literal kind Ember cannot represent; Expression
// turns it into plan.UnsupportedExpr, Literal into an error.
type unsupportedError struct{ feature string }

func (e *unsupportedError) Error() string { return "unsupported: " + e.feature }

func literal(l *sparkpb.Expression_Literal) (*plan.Literal, error) {
	if l == nil {
		return nil, invalidPlan("The literal is missing.")
	}
	var hint types.DataType
	if l.GetDataType() != nil {
		t, err := DataType(l.GetDataType())
		if err != nil {
			return nil, err
		}
		hint = t
	}
	t, v, err := literalValue(l, hint, 0)
	if err != nil {
		return nil, err
	}
	return &plan.Literal{Type: t, Value: v, ConnectTime: types.HasTime(t)}, nil
}

// literalValue converts l. hint, when not nil, is the type the enclosing
// literal (or the root data_type field) declares for l.
func literalValue(l *sparkpb.Expression_Literal, hint types.DataType, depth int) (types.DataType, any, error) {
	if depth > MaxDepth {
		return nil, nil, tooDeep("literal")
	}
	if l == nil {
		return nil, nil, invalidPlan("A nested literal is missing.")
	}
	if hint == nil && l.GetDataType() != nil && depth > 0 {
		t, err := DataType(l.GetDataType())
		if err != nil {
			return nil, nil, err
		}
		hint = t
	}
	switch k := l.GetLiteralType().(type) {
	case nil:
		return nil, nil, invalidPlan("The literal has no value set.")
	case *sparkpb.Expression_Literal_Null:
		if hint != nil {
			return hint, nil, nil
		}
		if k.Null == nil || k.Null.GetKind() == nil {
			return types.Null, nil, nil
		}
		t, err := DataType(k.Null)
		if err != nil {
			return nil, nil, err
		}
		return t, nil, nil
	case *sparkpb.Expression_Literal_Binary:
		return coerce(types.Binary, k.Binary, hint)
	case *sparkpb.Expression_Literal_Boolean:
		return coerce(types.Boolean, k.Boolean, hint)
	case *sparkpb.Expression_Literal_Byte:
		return coerce(types.Byte, int8(k.Byte), hint)
	case *sparkpb.Expression_Literal_Short:
		return coerce(types.Short, int16(k.Short), hint)
	case *sparkpb.Expression_Literal_Integer:
		return coerce(types.Int, k.Integer, hint)
	case *sparkpb.Expression_Literal_Long:
		return coerce(types.Long, k.Long, hint)
	case *sparkpb.Expression_Literal_Float:
		return coerce(types.Float, k.Float, hint)
	case *sparkpb.Expression_Literal_Double:
		return coerce(types.Double, k.Double, hint)
	case *sparkpb.Expression_Literal_Decimal_:
		return decimalLiteral(k.Decimal, hint)
	case *sparkpb.Expression_Literal_String_:
		if hint != nil && types.IsStringLike(hint) {
			return hint, k.String_, nil
		}
		return coerce(types.String, k.String_, hint)
	case *sparkpb.Expression_Literal_Date:
		return coerce(types.Date, plan.Date(k.Date), hint)
	case *sparkpb.Expression_Literal_Timestamp:
		return coerce(types.Timestamp, plan.Timestamp(k.Timestamp), hint)
	case *sparkpb.Expression_Literal_TimestampNtz:
		return coerce(types.TimestampNTZ, plan.TimestampNTZ(k.TimestampNtz), hint)
	case *sparkpb.Expression_Literal_CalendarInterval_:
		ci := k.CalendarInterval
		v := plan.CalendarInterval{Months: ci.GetMonths(), Days: ci.GetDays(), Microseconds: ci.GetMicroseconds()}
		return coerce(types.CalendarInterval, v, hint)
	case *sparkpb.Expression_Literal_YearMonthInterval:
		if ym, ok := hint.(types.YearMonthInterval); ok {
			return ym, plan.YearMonth(k.YearMonthInterval), nil
		}
		return coerce(types.DefaultYearMonthInterval, plan.YearMonth(k.YearMonthInterval), hint)
	case *sparkpb.Expression_Literal_DayTimeInterval:
		if dt, ok := hint.(types.DayTimeInterval); ok {
			return dt, plan.DayTime(k.DayTimeInterval), nil
		}
		return coerce(types.DefaultDayTimeInterval, plan.DayTime(k.DayTimeInterval), hint)
	case *sparkpb.Expression_Literal_Array_:
		return arrayLiteral(k.Array, hint, depth)
	case *sparkpb.Expression_Literal_Map_:
		return mapLiteral(k.Map, hint, depth)
	case *sparkpb.Expression_Literal_Struct_:
		return structLiteral(k.Struct, hint, depth)
	case *sparkpb.Expression_Literal_SpecializedArray_:
		return specializedArray(k.SpecializedArray)
	case *sparkpb.Expression_Literal_Time_:
		t := types.DefaultTime
		if k.Time.Precision != nil {
			t.Precision = int(k.Time.GetPrecision())
		}
		if ht, ok := hint.(types.Time); ok {
			t = ht
		}
		if t.Precision < 0 || t.Precision > types.MaxTimePrecision {
			return nil, nil, sparkerr.Newf("UNSUPPORTED_TIME_PRECISION", "precision", strconv.Itoa(t.Precision))
		}
		ns := k.Time.GetNano()
		if ns < 0 || ns >= 86_400_000_000_000 {
			return nil, nil, invalidPlan("TIME literal out of range: %d nanoseconds.", ns)
		}
		return coerce(t, plan.Time(truncNanos(ns, t.Precision)), hint)
	default:
		return nil, nil, invalidPlan("Unknown literal kind %T.", k)
	}
}

// coerce returns the literal's own type and value unless the enclosing
// literal declared another type, in which case numbers are converted to it
// and any other mismatch is an error.
func coerce(own types.DataType, v any, hint types.DataType) (types.DataType, any, error) {
	if hint == nil || types.Equal(own, hint) {
		return own, v, nil
	}
	if own.Kind() == hint.Kind() {
		// Same family with different parameters (e.g. interval fields).
		return hint, v, nil
	}
	if types.IsNumeric(own) && types.IsNumeric(hint) {
		if cv, ok := convertNumber(v, hint); ok {
			return hint, cv, nil
		}
	}
	return nil, nil, invalidPlan("A literal of type %s does not match its declared type %s.",
		own.SimpleString(), hint.SimpleString())
}

// convertNumber converts a Go number into the representation of numeric
// type t.
func convertNumber(v any, t types.DataType) (any, bool) {
	var f float64
	var i int64
	isInt := true
	switch x := v.(type) {
	case int8:
		i = int64(x)
	case int16:
		i = int64(x)
	case int32:
		i = int64(x)
	case int64:
		i = x
	case float32:
		f, isInt = float64(x), false
	case float64:
		f, isInt = x, false
	default:
		return nil, false
	}
	if isInt {
		f = float64(i)
	}
	switch t.Kind() {
	case types.KindByte:
		return int8(i), isInt
	case types.KindShort:
		return int16(i), isInt
	case types.KindInt:
		return int32(i), isInt
	case types.KindLong:
		return i, isInt
	case types.KindFloat:
		return float32(f), true
	case types.KindDouble:
		return f, true
	case types.KindDecimal:
		if !isInt {
			return nil, false
		}
		d := t.(types.Decimal)
		u := new(big.Int).Mul(big.NewInt(i), pow10(d.Scale))
		return plan.DecimalValue{Unscaled: u.String(), Precision: d.Precision, Scale: d.Scale}, true
	}
	return nil, false
}

func arrayLiteral(a *sparkpb.Expression_Literal_Array, hint types.DataType, depth int) (types.DataType, any, error) {
	var at types.Array
	switch {
	case hint != nil:
		h, ok := hint.(types.Array)
		if !ok {
			return nil, nil, invalidPlan("An array literal does not match its declared type %s.", hint.SimpleString())
		}
		at = h
	case a.GetElementType() != nil:
		et, err := DataType(a.GetElementType())
		if err != nil {
			return nil, nil, err
		}
		at = types.Array{Elem: et, ContainsNull: true}
	case len(a.GetElements()) > 0:
		et, _, err := literalValue(a.GetElements()[0], nil, depth+1)
		if err != nil {
			return nil, nil, err
		}
		at = types.Array{Elem: et, ContainsNull: true}
	default:
		return nil, nil, invalidPlan("Data type information is missing in the array literal.")
	}
	vals := make([]any, len(a.GetElements()))
	for i, e := range a.GetElements() {
		_, v, err := literalValue(e, at.Elem, depth+1)
		if err != nil {
			return nil, nil, err
		}
		vals[i] = v
	}
	return at, vals, nil
}

func mapLiteral(m *sparkpb.Expression_Literal_Map, hint types.DataType, depth int) (types.DataType, any, error) {
	if len(m.GetKeys()) != len(m.GetValues()) {
		return nil, nil, invalidPlan("A map literal has %d keys but %d values.", len(m.GetKeys()), len(m.GetValues()))
	}
	var mt types.Map
	if hint != nil {
		h, ok := hint.(types.Map)
		if !ok {
			return nil, nil, invalidPlan("A map literal does not match its declared type %s.", hint.SimpleString())
		}
		mt = h
	} else {
		mt.ValueContainsNull = true
		var err error
		mt.Key, err = mapSideType(m.GetKeyType(), m.GetKeys(), depth)
		if err != nil {
			return nil, nil, err
		}
		mt.Value, err = mapSideType(m.GetValueType(), m.GetValues(), depth)
		if err != nil {
			return nil, nil, err
		}
	}
	mv := &plan.MapValue{Keys: make([]any, len(m.GetKeys())), Values: make([]any, len(m.GetValues()))}
	for i := range m.GetKeys() {
		_, k, err := literalValue(m.GetKeys()[i], mt.Key, depth+1)
		if err != nil {
			return nil, nil, err
		}
		if k == nil {
			return nil, nil, invalidPlan("A map literal has a null key.")
		}
		_, v, err := literalValue(m.GetValues()[i], mt.Value, depth+1)
		if err != nil {
			return nil, nil, err
		}
		mv.Keys[i], mv.Values[i] = k, v
	}
	return mt, mv, nil
}

// mapSideType is the key or value type of a map literal: the declared one,
// or else the type of the first key or value.
func mapSideType(declared *sparkpb.DataType, lits []*sparkpb.Expression_Literal, depth int) (types.DataType, error) {
	if declared != nil {
		return DataType(declared)
	}
	if len(lits) == 0 {
		return nil, invalidPlan("Data type information is missing in the map literal.")
	}
	t, _, err := literalValue(lits[0], nil, depth+1)
	return t, err
}

func structLiteral(s *sparkpb.Expression_Literal_Struct, hint types.DataType, depth int) (types.DataType, any, error) {
	declared := hint
	if declared == nil {
		if s.GetStructType() == nil {
			return nil, nil, invalidPlan("Data type information is missing in the struct literal.")
		}
		t, err := DataType(s.GetStructType())
		if err != nil {
			return nil, nil, err
		}
		declared = t
	}
	st, ok := declared.(types.Struct)
	if !ok {
		return nil, nil, invalidPlan("A struct literal does not match its declared type %s.", declared.SimpleString())
	}
	if len(st.Fields) != len(s.GetElements()) {
		return nil, nil, invalidPlan("A struct literal has %d values for %d fields.", len(s.GetElements()), len(st.Fields))
	}
	vals := make([]any, len(st.Fields))
	for i, e := range s.GetElements() {
		_, v, err := literalValue(e, st.Fields[i].Type, depth+1)
		if err != nil {
			return nil, nil, err
		}
		vals[i] = v
	}
	return st, vals, nil
}

// specializedArray converts the packed primitive arrays PySpark's ML code
// sends; their elements cannot be null.
func specializedArray(a *sparkpb.Expression_Literal_SpecializedArray) (types.DataType, any, error) {
	var elem types.DataType
	var vals []any
	switch k := a.GetValueType().(type) {
	case *sparkpb.Expression_Literal_SpecializedArray_Bools:
		elem = types.Boolean
		for _, v := range k.Bools.GetValues() {
			vals = append(vals, v)
		}
	case *sparkpb.Expression_Literal_SpecializedArray_Ints:
		elem = types.Int
		for _, v := range k.Ints.GetValues() {
			vals = append(vals, v)
		}
	case *sparkpb.Expression_Literal_SpecializedArray_Longs:
		elem = types.Long
		for _, v := range k.Longs.GetValues() {
			vals = append(vals, v)
		}
	case *sparkpb.Expression_Literal_SpecializedArray_Floats:
		elem = types.Float
		for _, v := range k.Floats.GetValues() {
			vals = append(vals, v)
		}
	case *sparkpb.Expression_Literal_SpecializedArray_Doubles:
		elem = types.Double
		for _, v := range k.Doubles.GetValues() {
			vals = append(vals, v)
		}
	case *sparkpb.Expression_Literal_SpecializedArray_Strings:
		elem = types.String
		for _, v := range k.Strings.GetValues() {
			vals = append(vals, v)
		}
	default:
		return nil, nil, invalidPlan("A specialized array literal has no values set.")
	}
	if vals == nil {
		vals = []any{}
	}
	return types.Array{Elem: elem, ContainsNull: false}, vals, nil
}

// decimalLiteral converts a decimal given as text. Without a declared type
// its precision and scale are those of the text (as java.math.BigDecimal
// reads it), raised to the precision and scale fields when these are set
// and larger; the type is decimal(max(precision, scale), scale).
func decimalLiteral(d *sparkpb.Expression_Literal_Decimal, hint types.DataType) (types.DataType, any, error) {
	unscaled, scale, err := parseDecimal(d.GetValue())
	if err != nil {
		return nil, nil, err
	}
	var target types.Decimal
	switch h := hint.(type) {
	case nil:
		prec := digits(unscaled)
		if d.Precision != nil && int(d.GetPrecision()) > prec {
			prec = int(d.GetPrecision())
		}
		s := scale
		if d.Scale != nil && int(d.GetScale()) > s {
			s = int(d.GetScale())
		}
		target = types.Decimal{Precision: max(prec, s), Scale: s}
		if target.Precision > types.MaxDecimalPrecision {
			return nil, nil, sparkerr.Newf("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
				"precision", strconv.Itoa(target.Precision), "maxPrecision", strconv.Itoa(types.MaxDecimalPrecision))
		}
	case types.Decimal:
		target = h
	default:
		if !types.IsNumeric(hint) {
			return nil, nil, invalidPlan("A decimal literal does not match its declared type %s.", hint.SimpleString())
		}
		f, _ := new(big.Rat).SetFrac(unscaled, pow10(scale)).Float64()
		cv, _ := convertNumber(f, hint)
		if types.IsIntegral(hint) {
			q := new(big.Int).Quo(unscaled, pow10(scale))
			cv, _ = convertNumber(q.Int64(), hint)
		}
		return hint, cv, nil
	}
	v, err := rescale(unscaled, scale, target)
	if err != nil {
		return nil, nil, err
	}
	return target, v, nil
}

// rescale expresses unscaled×10^-scale at the target's scale (rounding half
// up when digits are dropped) and checks it fits the target's precision.
func rescale(unscaled *big.Int, scale int, target types.Decimal) (plan.DecimalValue, error) {
	u := new(big.Int).Set(unscaled)
	switch {
	case target.Scale > scale:
		u.Mul(u, pow10(target.Scale-scale))
	case target.Scale < scale:
		div := pow10(scale - target.Scale)
		q, r := new(big.Int).QuoRem(u, div, new(big.Int))
		// Round half away from zero.
		r.Abs(r).Mul(r, big.NewInt(2))
		if r.Cmp(div) >= 0 {
			if u.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
		u = q
	}
	if digits(u) > target.Precision {
		return plan.DecimalValue{}, invalidPlan("The decimal literal %s does not fit %s.",
			decimalString(unscaled, scale), target.SimpleString())
	}
	return plan.DecimalValue{Unscaled: u.String(), Precision: target.Precision, Scale: target.Scale}, nil
}

// parseDecimal reads decimal text the way java.math.BigDecimal does:
// optional sign, digits with an optional point, optional exponent. It
// returns the unscaled value and scale; Spark rejects negative scales.
func parseDecimal(text string) (*big.Int, int, error) {
	bad := func() error {
		return sparkerr.Newf("CAST_INVALID_INPUT", "expression", "'"+text+"'",
			"sourceType", `"STRING"`, "targetType", `"DECIMAL"`)
	}
	s := strings.TrimSpace(text)
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
		if exp == "" {
			return nil, 0, bad()
		}
	}
	neg := false
	if mant != "" && (mant[0] == '+' || mant[0] == '-') {
		neg = mant[0] == '-'
		mant = mant[1:]
	}
	intPart, frac, hasPoint := strings.Cut(mant, ".")
	if intPart == "" && frac == "" {
		return nil, 0, bad()
	}
	if hasPoint && strings.Contains(frac, ".") {
		return nil, 0, bad()
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return nil, 0, bad()
		}
	}
	u, ok := new(big.Int).SetString(intPart+frac, 10)
	if !ok {
		return nil, 0, bad()
	}
	if neg {
		u.Neg(u)
	}
	scale := len(frac)
	if exp != "" {
		e, err := strconv.Atoi(exp)
		if err != nil {
			return nil, 0, bad()
		}
		scale -= e
	}
	if scale < 0 {
		return nil, 0, sparkerr.Newf("NEGATIVE_SCALE_DISALLOWED", "scale", strconv.Itoa(scale),
			"sqlConf", `"spark.sql.legacy.allowNegativeScaleOfDecimal"`)
	}
	return u, scale, nil
}

// digits is the number of decimal digits of |u| (1 for zero), which is
// BigDecimal's precision of an unscaled value.
func digits(u *big.Int) int {
	if u.Sign() == 0 {
		return 1
	}
	s := u.String()
	if s[0] == '-' {
		return len(s) - 1
	}
	return len(s)
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// decimalString renders unscaled×10^-scale as plain text.
func decimalString(u *big.Int, scale int) string {
	s := new(big.Int).Abs(u).String()
	if scale > 0 {
		for len(s) <= scale {
			s = "0" + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if u.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// truncNanos drops the fractional-second digits beyond precision.
func truncNanos(ns int64, precision int) int64 {
	unit := int64(1)
	for i := precision; i < 9; i++ {
		unit *= 10
	}
	return ns - ns%unit
}
