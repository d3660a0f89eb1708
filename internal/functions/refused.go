package functions

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Spark functions Ember recognises but cannot run: a call raises
// UNSUPPORTED_FEATURE naming the reason, not UNRESOLVED_ROUTINE.

func init() {
	// GEOMETRY and GEOGRAPHY values reach a Spark 4.2 client as Arrow
	// structs <srid: int32, wkb: binary> marked by field metadata, typed
	// GeometryType(srid) / GeographyType(srid) in the schema; Ember's type
	// model has neither type (nor a WKB reader) yet.
	const geo = "the GEOMETRY and GEOGRAPHY types are not supported"
	Register(
		&Def{Name: "st_geomfromwkb", MinArgs: 1, MaxArgs: 2, Refused: geo, Resolve: refuse(geo), Lower: refuseLower, Group: "geospatial", Since: "4.1.0"},
		&Def{Name: "st_geogfromwkb", MinArgs: 1, MaxArgs: 1, Refused: geo, Resolve: refuse(geo), Lower: refuseLower, Group: "geospatial", Since: "4.1.0"},
		&Def{Name: "st_asbinary", MinArgs: 1, MaxArgs: 2, Refused: geo, Resolve: refuse(geo), Lower: refuseLower, Group: "geospatial", Since: "4.1.0"},
		&Def{Name: "st_setsrid", MinArgs: 2, MaxArgs: 2, Refused: geo, Resolve: refuse(geo), Lower: refuseLower, Group: "geospatial", Since: "4.1.0"},
		&Def{Name: "st_srid", MinArgs: 1, MaxArgs: 1, Refused: geo, Resolve: refuse(geo), Lower: refuseLower, Group: "geospatial", Since: "4.1.0"},
		// Ember reads a user-defined type as its SQL type and does not keep
		// the UDT, so it cannot tell a UDT column from a plain one.
		&Def{Name: "unwrap_udt", MinArgs: 1, MaxArgs: 1, Refused: "user-defined types are read as their SQL type; the UDT itself is not kept", Resolve: refuse("user-defined types are read as their SQL type; the UDT itself is not kept"), Lower: refuseLower, Group: "misc", Since: "3.4.0"},
	)
}

// refuse is the Resolve of a refused function: UNSUPPORTED_FEATURE.
func refuse(reason string) ResolveFunc {
	return func(_ *Ctx, name string, _ []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		return nil, nil, false, sparkerr.Unsupported(strings.ToLower(name) + ": " + reason)
	}
}

// refuseLower is never reached (Resolve refuses first).
func refuseLower(_ *LowerCtx, call *logical.Call, _ []string) (string, error) {
	return "", sparkerr.Internal("lowering refused function %s", call.Fn)
}
