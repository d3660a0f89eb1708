package connect

import (
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
)

// statRelation converts the df.stat relations; ok is false for any other
// relation type.
func (c *converter) statRelation(r *sparkpb.Relation) (out plan.Relation, ok bool, err error) {
	switch k := r.GetRelType().(type) {
	case *sparkpb.Relation_Cov:
		in, err := c.input(k.Cov.GetInput(), "StatCov")
		if err != nil {
			return nil, true, err
		}
		return &plan.StatCov{Input: in, Col1: k.Cov.GetCol1(), Col2: k.Cov.GetCol2()}, true, nil
	case *sparkpb.Relation_Corr:
		in, err := c.input(k.Corr.GetInput(), "StatCorr")
		if err != nil {
			return nil, true, err
		}
		return &plan.StatCorr{Input: in, Col1: k.Corr.GetCol1(), Col2: k.Corr.GetCol2(), Method: k.Corr.GetMethod()}, true, nil
	case *sparkpb.Relation_ApproxQuantile:
		aq := k.ApproxQuantile
		in, err := c.input(aq.GetInput(), "StatApproxQuantile")
		if err != nil {
			return nil, true, err
		}
		return &plan.StatApproxQuantile{
			Input:         in,
			Cols:          append([]string(nil), aq.GetCols()...),
			Probabilities: append([]float64(nil), aq.GetProbabilities()...),
			RelativeError: aq.GetRelativeError(),
		}, true, nil
	case *sparkpb.Relation_Crosstab:
		in, err := c.input(k.Crosstab.GetInput(), "StatCrosstab")
		if err != nil {
			return nil, true, err
		}
		return &plan.StatCrosstab{Input: in, Col1: k.Crosstab.GetCol1(), Col2: k.Crosstab.GetCol2()}, true, nil
	case *sparkpb.Relation_FreqItems:
		fi := k.FreqItems
		in, err := c.input(fi.GetInput(), "StatFreqItems")
		if err != nil {
			return nil, true, err
		}
		support := 0.01 // Spark's default when the client sends none
		if fi.Support != nil {
			support = fi.GetSupport()
		}
		return &plan.StatFreqItems{Input: in, Cols: append([]string(nil), fi.GetCols()...), Support: support}, true, nil
	case *sparkpb.Relation_SampleBy:
		sb := k.SampleBy
		in, err := c.input(sb.GetInput(), "StatSampleBy")
		if err != nil {
			return nil, true, err
		}
		if sb.GetCol() == nil {
			return nil, true, invalidPlan("StatSampleBy needs a column.")
		}
		col, err := c.expression(sb.GetCol())
		if err != nil {
			return nil, true, err
		}
		out := &plan.StatSampleBy{Input: in, Col: col, Seed: sb.GetSeed()}
		for _, f := range sb.GetFractions() {
			lit, err := literal(f.GetStratum())
			if err != nil {
				return nil, true, unsupportedLiteralErr(err)
			}
			out.Fractions = append(out.Fractions, plan.StatFraction{Stratum: lit, Fraction: f.GetFraction()})
		}
		return out, true, nil
	}
	return nil, false, nil
}
