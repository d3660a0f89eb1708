package tz

import "testing"

func TestEngineName(t *testing.T) {
	tests := []struct {
		id, want string
		wantErr  bool
	}{
		{"UTC", "UTC", false},
		{"Z", "UTC", false},
		{"+00:00", "UTC", false},
		{"GMT", "UTC", false},
		{"+08:00", "Etc/GMT-8", false},
		{"GMT+8", "Etc/GMT-8", false},
		{"UTC-05:00", "Etc/GMT+5", false},
		{"-8", "Etc/GMT+8", false},
		{"+14:00", "Etc/GMT-14", false},
		{"+05:30", "", true},
		{"-18:00", "", true},
		{"America/Los_Angeles", "America/Los_Angeles", false},
		{"PST", "America/Los_Angeles", false},
		{"IST", "Asia/Kolkata", false},
		{"Mars/Olympus", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			got, err := EngineName(tc.id)
			if (err != nil) != tc.wantErr {
				t.Fatalf("EngineName(%q) error %v, want error %v", tc.id, err, tc.wantErr)
			}
			if got != tc.want {
				t.Fatalf("EngineName(%q) = %q, want %q", tc.id, got, tc.want)
			}
		})
	}
}
