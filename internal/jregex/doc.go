// Package jregex compiles Java regular expressions, the dialect Spark's
// functions and colRegex accept, for matching in Go.
//
// Go's regexp (RE2) lacks several Java constructs: lookaround, atomic
// groups, backreferences and possessive quantifiers. jregex translates a
// Java pattern into the syntax of github.com/dlclark/regexp2 (a
// backtracking engine with .NET syntax) — possessive quantifiers become
// atomic groups and \Q...\E quotes become escaped literals — and compiles
// it there. Constructs neither dialect shares are reported as errors.
package jregex
