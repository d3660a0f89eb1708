package connect

import (
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
)

// pythonRelFunc converts the function of a mapInPandas/applyInPandas
// relation, which must be a Python UDF.
func (c *converter) pythonRelFunc(f *sparkpb.CommonInlineUserDefinedFunction, rel string) (*plan.PythonUDF, error) {
	if f == nil {
		return nil, invalidPlan("%s needs a function.", rel)
	}
	py, ok, err := c.pythonUDF(f)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, invalidPlan("%s needs a Python function.", rel)
	}
	return py, nil
}

func (c *converter) mapPartitions(m *sparkpb.MapPartitions) (plan.Relation, error) {
	in, err := c.input(m.GetInput(), "MapPartitions")
	if err != nil {
		return nil, err
	}
	f, err := c.pythonRelFunc(m.GetFunc(), "MapPartitions")
	if err != nil {
		return nil, err
	}
	return &plan.MapPartitions{Input: in, Func: f, Barrier: m.GetIsBarrier()}, nil
}

func (c *converter) groupMap(g *sparkpb.GroupMap) (plan.Relation, error) {
	if g.InitialInput != nil || g.IsMapGroupsWithState != nil || g.TransformWithStateInfo != nil {
		return unsupported("group_map with state (transformWithState / mapGroupsWithState)"), nil
	}
	in, err := c.input(g.GetInput(), "GroupMap")
	if err != nil {
		return nil, err
	}
	keys, err := c.expressions(g.GetGroupingExpressions())
	if err != nil {
		return nil, err
	}
	f, err := c.pythonRelFunc(g.GetFunc(), "GroupMap")
	if err != nil {
		return nil, err
	}
	return &plan.GroupMap{Input: in, Grouping: keys, Func: f}, nil
}

func (c *converter) coGroupMap(g *sparkpb.CoGroupMap) (plan.Relation, error) {
	in, err := c.input(g.GetInput(), "CoGroupMap")
	if err != nil {
		return nil, err
	}
	other, err := c.input(g.GetOther(), "CoGroupMap")
	if err != nil {
		return nil, err
	}
	keys, err := c.expressions(g.GetInputGroupingExpressions())
	if err != nil {
		return nil, err
	}
	okeys, err := c.expressions(g.GetOtherGroupingExpressions())
	if err != nil {
		return nil, err
	}
	f, err := c.pythonRelFunc(g.GetFunc(), "CoGroupMap")
	if err != nil {
		return nil, err
	}
	return &plan.GroupMap{Input: in, Grouping: keys, Other: other, OtherGrouping: okeys, Func: f}, nil
}

// pythonUDTF converts a Python UDTF (the relation, or the definition that
// register_table_function carries).
func (c *converter) pythonUDTF(f *sparkpb.CommonInlineUserDefinedTableFunction) (*plan.PythonUDTF, error) {
	py := f.GetPythonUdtf()
	if py == nil {
		return nil, invalidPlan("The table function %s has no Python body.", f.GetFunctionName())
	}
	if len(py.GetCommand()) == 0 {
		return nil, invalidPlan("The Python UDTF %s has no command.", f.GetFunctionName())
	}
	args, err := c.expressions(f.GetArguments())
	if err != nil {
		return nil, err
	}
	u := &plan.PythonUDTF{Name: f.GetFunctionName(), Deterministic: f.GetDeterministic(), Args: args,
		EvalType: py.GetEvalType(), Command: py.GetCommand(), PythonVer: py.GetPythonVer()}
	if py.ReturnType != nil {
		if u.Return, err = DataType(py.GetReturnType()); err != nil {
			return nil, wrap(err, "Python UDTF return type")
		}
	}
	return u, nil
}
