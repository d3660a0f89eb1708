package show

import "github.com/emberdb/ember/internal/types"

// javaDouble renders f as Java's Double.toString (types.JavaFloatString).
func javaDouble(f float64) string { return types.JavaFloatString(f, 64) }

// javaFloat renders f as Java's Float.toString.
func javaFloat(f float32) string { return types.JavaFloatString(float64(f), 32) }
