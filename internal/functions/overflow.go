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

// saturateIntegral renders Java's floating-point to integer conversion as
// Spark applies it without ANSI mode: truncate toward zero and clamp to the
// range of BIGINT (for BIGINT) or INT (for the others), NaN becomes 0; the
// INT result then wraps into a narrower type (300.7 as TINYINT is 44).
func saturateIntegral(expr string, t types.DataType) string {
	bits := integralBits(t)
	if bits < 32 {
		return wrapIntegral(saturateIntegral(expr, types.Int), t)
	}
	d := "CAST(" + expr + " AS DOUBLE)"
	dt := mustDuck(t)
	// 2^(bits-1) is exact as a double; the type's maximum is not.
	limit := fmt.Sprintf("CAST(CAST(1 AS HUGEINT) << %d AS DOUBLE)", bits-1)
	hi := fmt.Sprintf("CAST((CAST(1 AS HUGEINT) << %d) - 1 AS %s)", bits-1, dt)
	lo := fmt.Sprintf("CAST(-(CAST(1 AS HUGEINT) << %d) AS %s)", bits-1, dt)
	return "(CASE WHEN isnan(" + d + ") THEN CAST(0 AS " + dt + ") WHEN " + d + " >= " + limit + " THEN " + hi +
		" WHEN " + d + " <= -" + limit + " THEN " + lo + " ELSE CAST(trunc(" + d + ") AS " + dt + ") END)"
}
