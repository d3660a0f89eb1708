package functions

import "testing"

// Expected values were observed on Spark 4.2's JVM (reflect / try_reflect).
func TestCallJavaStatic(t *testing.T) {
	str := func(s string) *string { return &s }
	tests := []struct {
		key      string
		args     []*string
		want     string
		wantNull bool // under try_reflect
	}{
		{"java.util.UUID.fromString(String)|String", []*string{str("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2")}, "a5cf6c42-0c85-418f-af6c-3e4e5b1328f2", false},
		{"java.util.UUID.fromString(String)|String", []*string{str("A5CF6C42-0C85-418F-AF6C-3E4E5B1328F2")}, "a5cf6c42-0c85-418f-af6c-3e4e5b1328f2", false},
		{"java.util.UUID.fromString(String)|String", []*string{str("1-2-3-4-5")}, "00000001-0002-0003-0004-000000000005", false},
		{"java.util.UUID.fromString(String)|String", []*string{str("bad")}, "", true},
		{"java.util.UUID.fromString(String)|String", []*string{nil}, "", true},
		{"java.lang.Math.abs(int)|int", []*string{str("-3")}, "3", false},
		{"java.lang.Math.abs(int)|int", []*string{str("-2147483648")}, "-2147483648", false},
		{"java.lang.Math.abs(int)|int", []*string{nil}, "", true},
		{"java.lang.Math.abs(double)|double", []*string{str("-3.5")}, "3.5", false},
		{"java.lang.Math.abs(float)|float", []*string{str("-2.0")}, "2.0", false},
		{"java.lang.Math.sqrt(double)|double", []*string{str("2.0")}, "1.4142135623730951", false},
		{"java.lang.Math.max(int,int)|int,int", []*string{str("2"), str("3")}, "3", false},
		{"java.lang.Math.floorDiv(int,int)|int,int", []*string{str("-7"), str("2")}, "-4", false},
		{"java.lang.Math.floorMod(int,int)|int,int", []*string{str("-7"), str("3")}, "2", false},
		{"java.lang.Math.addExact(int,int)|int,int", []*string{str("2147483647"), str("1")}, "", true},
		{"java.lang.Math.negateExact(int)|int", []*string{str("5")}, "-5", false},
		{"java.lang.Math.round(double)|double", []*string{str("2.5")}, "3", false},
		{"java.lang.Math.round(float)|float", []*string{str("2.5")}, "3", false},
		{"java.lang.Math.rint(double)|double", []*string{str("2.5")}, "2.0", false},
		{"java.lang.Math.floor(double)|double", []*string{str("-1.5")}, "-2.0", false},
		{"java.lang.Math.ceil(double)|double", []*string{str("-1.5")}, "-1.0", false},
		{"java.lang.Math.signum(double)|double", []*string{str("-2.0")}, "-1.0", false},
		{"java.lang.Math.min(double,double)|double,double", []*string{str("1.5"), str("2.0")}, "1.5", false},
		{"java.lang.Math.toRadians(double)|double", []*string{str("180.0")}, "3.141592653589793", false},
		{"java.lang.String.valueOf(Object)|int", []*string{str("1")}, "1", false},
		{"java.lang.String.valueOf(Object)|boolean", []*string{str("true")}, "true", false},
		{"java.lang.String.valueOf(Object)|double", []*string{str("1e+20")}, "1.0E20", false},
		{"java.lang.String.valueOf(Object)|double", []*string{str("0.0001")}, "1.0E-4", false},
		{"java.lang.String.valueOf(Object)|double", []*string{str("12345678.0")}, "1.2345678E7", false},
		{"java.lang.String.valueOf(Object)|float", []*string{str("1.5")}, "1.5", false},
		{"java.lang.String.valueOf(Object)|String", []*string{nil}, "null", false},
		{"java.lang.Integer.parseInt(String)|String", []*string{str("42")}, "42", false},
		{"java.lang.Integer.parseInt(String)|String", []*string{str("+5")}, "5", false},
		{"java.lang.Integer.parseInt(String)|String", []*string{str(" 5")}, "", true},
		{"java.lang.Integer.parseInt(String)|String", []*string{str("x")}, "", true},
		{"java.lang.Integer.parseInt(String,int)|String,int", []*string{str("ff"), str("16")}, "255", false},
		{"java.lang.Integer.toString(int,int)|int,int", []*string{str("255"), str("16")}, "ff", false},
		{"java.lang.Integer.toHexString(int)|int", []*string{str("-1")}, "ffffffff", false},
		{"java.lang.Integer.toBinaryString(int)|int", []*string{str("5")}, "101", false},
		{"java.lang.Long.toHexString(long)|long", []*string{str("-1")}, "ffffffffffffffff", false},
		{"java.lang.Long.parseLong(String)|String", []*string{str("-12")}, "-12", false},
		{"java.lang.Double.parseDouble(String)|String", []*string{str("1e10")}, "1.0E10", false},
		{"java.lang.Double.parseDouble(String)|String", []*string{str(" 1.5 ")}, "1.5", false},
		{"java.lang.Double.parseDouble(String)|String", []*string{str("NaN")}, "NaN", false},
		{"java.lang.Double.valueOf(String)|String", []*string{str("1e-5")}, "1.0E-5", false},
		{"java.net.URLDecoder.decode(String,String)|String,String", []*string{str("a%20b+c"), str("UTF-8")}, "a b c", false},
		{"java.net.URLDecoder.decode(String,String)|String,String", []*string{str("a%2"), str("UTF-8")}, "", true},
		{"java.net.URLEncoder.encode(String,String)|String,String", []*string{str("a b&c/é"), str("UTF-8")}, "a+b%26c%2F%C3%A9", false},
		{"java.net.URLEncoder.encode(String)|String", []*string{str("a b*~-_.")}, "a+b*%7E-_.", false},
		{"java.net.URLEncoder.encode(String,String)|String,String", []*string{str("a b"), str("latin1")}, "a+b", false},
		{"java.net.URLEncoder.encode(String,String)|String,String", []*string{str("a b"), str("nosuchcs")}, "", true},
		{"scala.Predef.require(boolean)|boolean", []*string{str("true")}, "null", false},
		{"scala.Predef.require(boolean)|boolean", []*string{str("false")}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			got, null, err := CallJavaStatic(tc.key, false, tc.args)
			if err != nil {
				t.Fatalf("try: unexpected error %v", err)
			}
			if null != tc.wantNull || got != tc.want {
				t.Fatalf("try: got (%q, null=%v), want (%q, null=%v)", got, null, tc.want, tc.wantNull)
			}
			_, _, err = CallJavaStatic(tc.key, true, tc.args)
			if (err != nil) != tc.wantNull {
				t.Fatalf("reflect: error %v, want an error: %v", err, tc.wantNull)
			}
		})
	}
}

func TestJavaStaticKeysAreUnique(t *testing.T) {
	if len(javaStaticsByKey) != len(javaStatics) {
		t.Fatalf("%d methods but %d keys: a duplicate registration", len(javaStatics), len(javaStaticsByKey))
	}
}
