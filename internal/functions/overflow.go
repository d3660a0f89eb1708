package functions

import (
	"fmt"

	"github.com/emberdb/ember/internal/types"
)

// Integer overflow without ANSI mode: Spark (like Java) wraps around in
// two's complement. DuckDB raises instead, so non-ANSI integral arithmetic
// and narrowing casts are computed in HUGEINT and wrapped explicitly.

// integralBits is the width of an integral Spark type (0 if not integral).
func integralBits(t types.DataType) int {
	switch t.Kind() {
	case types.KindByte:
		return 8
	case types.KindShort:
		return 16
	case types.KindInt:
		return 32
	case types.KindLong:
		return 64
	}
	return 0
}

// wrapIntegral renders expr (any integer expression, evaluated in HUGEINT)
// wrapped into the range of t.
func wrapIntegral(expr string, t types.DataType) string {
	bits := integralBits(t)
	half := fmt.Sprintf("CAST(1 AS HUGEINT) << %d", bits-1)
	full := fmt.Sprintf("CAST(1 AS HUGEINT) << %d", bits)
	dt := mustDuck(t)
	return "CAST((((CAST(" + expr + " AS HUGEINT) + (" + half + ")) % (" + full + ") + (" + full + ")) % (" + full + ") - (" + half + ")) AS " + dt + ")"
}

// saturateIntegral renders Java's floating-point to integer conversion:
// truncate toward zero, clamp to the type's range, NaN becomes 0.
func saturateIntegral(expr string, t types.DataType) string {
	bits := integralBits(t)
	lo := fmt.Sprintf("-(CAST(1 AS HUGEINT) << %d)", bits-1)
	hi := fmt.Sprintf("(CAST(1 AS HUGEINT) << %d) - 1", bits-1)
	return "(CASE WHEN isnan(CAST(" + expr + " AS DOUBLE)) THEN CAST(0 AS " + mustDuck(t) + ") ELSE CAST(greatest(least(trunc(CAST(" + expr + " AS DOUBLE)), CAST(" + hi + " AS DOUBLE)), CAST(" + lo + " AS DOUBLE)) AS " + mustDuck(t) + ") END)"
}
