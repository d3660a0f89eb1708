package plan

// The df.stat relations (DataFrameStatFunctions). Each names its columns
// by string, as the Connect protocol sends them; the analyzer resolves them.

// StatCov is df.stat.cov(col1, col2): one row, one double.
type StatCov struct {
	RelBase
	Input      Relation
	Col1, Col2 string
}

// StatCorr is df.stat.corr(col1, col2, method) (only "pearson").
type StatCorr struct {
	RelBase
	Input      Relation
	Col1, Col2 string
	Method     string
}

// StatApproxQuantile is df.stat.approxQuantile(cols, probabilities, err):
// one row holding, per column, the list of quantiles.
type StatApproxQuantile struct {
	RelBase
	Input         Relation
	Cols          []string
	Probabilities []float64
	RelativeError float64
}

// StatCrosstab is df.stat.crosstab(col1, col2): a contingency table.
type StatCrosstab struct {
	RelBase
	Input      Relation
	Col1, Col2 string
}

// StatFreqItems is df.stat.freqItems(cols, support).
type StatFreqItems struct {
	RelBase
	Input   Relation
	Cols    []string
	Support float64
}

// StatSampleBy is df.stat.sampleBy(col, fractions, seed): a stratified
// sample without replacement.
type StatSampleBy struct {
	RelBase
	Input     Relation
	Col       Expr
	Fractions []StatFraction
	Seed      int64
}

// StatFraction is the sampling fraction of one stratum.
type StatFraction struct {
	Stratum  *Literal
	Fraction float64
}
