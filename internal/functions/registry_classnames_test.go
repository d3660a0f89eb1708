package functions

import "testing"

func TestClassName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"abs", "org.apache.spark.sql.catalyst.expressions.Abs"},
		{"UPPER", "org.apache.spark.sql.catalyst.expressions.Upper"},
		{"+", "org.apache.spark.sql.catalyst.expressions.Add"},
		{"count", "org.apache.spark.sql.catalyst.expressions.aggregate.Count"},
		{"no_such_function", ""},
	} {
		if got := ClassName(tc.name); got != tc.want {
			t.Errorf("ClassName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
