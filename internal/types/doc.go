// Package types holds Spark's data type model: the types a column or an
// expression can have, their Spark names (simpleString / DDL), and the
// precision rules the analyzer needs.
//
// Sibling files convert the model to and from its wire forms:
//
//   - proto.go: the Connect protobuf DataType (FromProto, ToProto,
//     StructFromProto, SchemaToProto). A DataType.Unparsed arrives as
//     Unparsed{Text}, for the caller to hand to the SQL type parser.
//   - json.go: Spark's JSON schema format (ParseJSON, ToJSON), which PySpark
//     uses for LocalRelation.schema.
//   - arrow.go: the Arrow types Spark uses in result batches (ToArrow,
//     ArrowSchema) and the reverse mapping for client-sent Arrow data
//     (FromArrow, FromArrowSchema).
//   - conform.go: ConformArray / ConformRecord, which turn whatever Arrow
//     layout the engine produced into exactly the layout Spark would send.
package types
