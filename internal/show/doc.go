// Package show renders query results the way Apache Spark's Dataset.show()
// and DataFrame._repr_html_() do, byte for byte, from Arrow record batches.
//
// Spark Connect clients send a ShowString or HtmlString relation and print
// the single string the server returns, so Ember has to reproduce Spark's
// text exactly. The work happens in two steps, mirroring Spark:
//
//  1. Every cell becomes a string with Spark's ToPrettyString rules
//     (FormatValue): a top-level or nested null prints NULL, binary prints
//     as upper-case hex bytes "[01 FF]", floats and doubles print as Java's
//     Float.toString / Double.toString, decimals in plain notation with their
//     scale, dates as uuuu-MM-dd, timestamps in the session time zone with the
//     fraction's trailing zeros removed, ANSI interval literals, arrays as
//     "[a, b]", maps as "{k -> v}", structs as "{a, b}", variants as JSON.
//  2. The grid is laid out (ShowString, HTMLString): control characters are
//     escaped ("\n" becomes the two characters \ and n), cells longer than
//     the truncate limit are cut, column widths count UTF-16 code units plus
//     one extra unit for each East Asian full-width character, cells are
//     right-aligned when truncating and left-aligned otherwise, and a footer
//     says "only showing top N rows" when more rows exist.
//
// Lengths and truncation follow Java strings (UTF-16 code units): cutting a
// supplementary character in half leaves a lone surrogate, which Spark
// encodes as "?" when it sends the string back; this package does the same.
//
// Differences between Spark versions are options: Spark 3.5 ends the show
// footer with a newline and Spark 4.2 does not (Options.FooterNewline).
//
// Expected outputs in the tests are recorded from real Apache Spark
// (testdata/record.py, re-run with EMBER_UPDATE_GOLDEN=1).
package show
