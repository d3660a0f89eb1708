package functions

import "github.com/emberdb/ember/internal/types"

func inferXMLSchema(s string, opts map[string]string) (types.DataType, error) {
	return nil, nil
}

func inferCSVSchema(s string, opts map[string]string) (types.DataType, error) {
	return nil, nil
}
