package session

import (
	"sort"
	"strings"
	"sync"
)

// Conf is a session's SQL configuration: explicitly set values over Spark's
// defaults for the client's major version.
type Conf struct {
	mu       sync.RWMutex
	set      map[string]string
	defaults map[string]string
}

// NewConf seeds defaults for a client major version ("3" or "4").
func NewConf(major string) *Conf {
	d := make(map[string]string, len(commonDefaults)+4)
	for k, v := range commonDefaults {
		d[k] = v
	}
	if major == "3" {
		for k, v := range spark3Defaults {
			d[k] = v
		}
	}
	return &Conf{set: map[string]string{}, defaults: d}
}

// Get returns the value of key: the set value, else the default.
func (c *Conf) Get(key string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if v, ok := c.set[key]; ok {
		return v, true
	}
	v, ok := c.defaults[key]
	return v, ok
}

// GetOr returns the value of key or def.
func (c *Conf) GetOr(key, def string) string {
	if v, ok := c.Get(key); ok {
		return v
	}
	return def
}

// Bool reads a boolean conf ("true"/"false", case-insensitive).
func (c *Conf) Bool(key string) bool {
	v, _ := c.Get(key)
	return strings.EqualFold(strings.TrimSpace(v), "true")
}

// Set sets key to value.
func (c *Conf) Set(key, value string) {
	c.mu.Lock()
	c.set[key] = value
	c.mu.Unlock()
}

// Unset removes an explicitly set value (the default applies again).
func (c *Conf) Unset(key string) {
	c.mu.Lock()
	delete(c.set, key)
	c.mu.Unlock()
}

// IsSet reports whether key was set explicitly.
func (c *Conf) IsSet(key string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.set[key]
	return ok
}

// All returns every key with a value (explicit and defaults) with the
// given prefix, sorted by key.
func (c *Conf) All(prefix string) [][2]string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	m := map[string]string{}
	for k, v := range c.defaults {
		m[k] = v
	}
	for k, v := range c.set {
		m[k] = v
	}
	out := make([][2]string, 0, len(m))
	for k, v := range m {
		if strings.HasPrefix(k, prefix) {
			out = append(out, [2]string{k, v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// Convenience accessors used by the analyzer and engine.

// ANSI reports spark.sql.ansi.enabled.
func (c *Conf) ANSI() bool { return c.Bool("spark.sql.ansi.enabled") }

// TimeTypeEnabled reports spark.sql.timeType.enabled: without it Spark
// 4.1+ refuses the TIME type (UNSUPPORTED_TIME_TYPE) in casts, TIME
// functions, Connect literals and results.
func (c *Conf) TimeTypeEnabled() bool { return c.Bool("spark.sql.timeType.enabled") }

// CaseSensitive reports spark.sql.caseSensitive.
func (c *Conf) CaseSensitive() bool { return c.Bool("spark.sql.caseSensitive") }

// TimeZone is spark.sql.session.timeZone.
func (c *Conf) TimeZone() string { return c.GetOr("spark.sql.session.timeZone", "UTC") }
