package sparkerr

// sketchTemplates are the error classes of the DataSketches-based and
// bitmap functions, worded as Spark 4.2's error-conditions.json.
var sketchTemplates = map[string]template{
	"DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT": {"Cannot resolve <sqlExpr> due to data type mismatch: <msg><hint>.", "42K09", AnalysisException},
	"INVALID_BITMAP_POSITION":                        {"The 0-indexed bitmap position <bitPosition> is out of bounds. The bitmap has <bitmapNumBits> bits (<bitmapNumBytes> bytes).", "22003", ArrayIndexOutOfBounds},
	"THETA_INVALID_INPUT_SKETCH_BUFFER":              {"Invalid call to <function>; only valid Theta sketch buffers are supported as inputs (such as those produced by the `theta_sketch_agg` function).", "22000", RuntimeException},
	"HLL_INVALID_INPUT_SKETCH_BUFFER":                {"Invalid call to <function>; only valid HLL sketch buffers are supported as inputs (such as those produced by the `hll_sketch_agg` function).", "22546", RuntimeException},
	"KLL_INVALID_INPUT_SKETCH_BUFFER":                {"Invalid call to <function>; only valid KLL sketch buffers are supported as inputs (such as those produced by the `kll_sketch_agg` function).", "22000", RuntimeException},
	"TUPLE_INVALID_INPUT_SKETCH_BUFFER":              {"Invalid call to <function>; only valid Tuple sketch buffers are supported as inputs (such as those produced by the corresponding `tuple_sketch_agg_*` function).", "22000", RuntimeException},
	"SKETCH_INVALID_LG_NOM_ENTRIES":                  {"Invalid call to <function>; the `lgNomEntries` value must be between <min> and <max>, inclusive: <value>.", "22003", RuntimeException},
	"HLL_INVALID_LG_K":                               {"Invalid call to <function>; the `lgConfigK` value must be between <min> and <max>, inclusive: <value>.", "22546", RuntimeException},
	"HLL_UNION_DIFFERENT_LG_K":                       {"Sketches have different `lgConfigK` values: <left> and <right>. Set the `allowDifferentLgConfigK` parameter to true to call <function> with different `lgConfigK` values.", "22000", RuntimeException},
	"KLL_SKETCH_INVALID_QUANTILE_RANGE":              {"For function <functionName>, the quantile value must be between 0.0 and 1.0 (inclusive).", "22003", RuntimeException},
	"KLL_SKETCH_K_OUT_OF_RANGE":                      {"For function <functionName>, the k parameter must be between 8 and 65535 (inclusive), but got <k>.", "22003", RuntimeException},
	"TUPLE_INVALID_SKETCH_MODE":                      {"Invalid call to <function>: mode '<mode>' is not supported. Valid modes are: <validModes>.", "22023", RuntimeException},
}

func init() {
	for class, t := range sketchTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
