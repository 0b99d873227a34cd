package value

import "sort"

// Op is the config entry operator recorded for a dict key: how the value is
// combined when this dict is merged into another one (`k: v` union, `k = v`
// override, `k += v` insert).
type Op uint8

const (
	OpUnion    Op = iota // k: v
	OpOverride           // k = v
	OpInsert             // k += v (Index: -1 appends, else insert at Index)
)

func (o Op) String() string {
	switch o {
	case OpOverride:
		return "="
	case OpInsert:
		return "+="
	}
	return ":"
}

// Entry is one key of a Dict with its value, operator and insert index.
type Entry struct {
	Key   string
	Value Value
	Op    Op
	Index int // for OpInsert: position to insert at, -1 to append
}

// Dict is an insertion-ordered string-keyed map, KCL's dict and config
// value. Keys keep their first insertion position when re-set. Each key also
// records the config operator it was written with, so that merging a config
// into another one replays `:`, `=` and `+=` correctly.
//
// The zero Dict is not usable; call NewDict.
type Dict struct {
	entries []Entry
	index   map[string]int // built when the dict grows beyond linearMax
}

const linearMax = 16

func (*Dict) Kind() Kind { return DictKind }

// NewDict returns an empty dict.
func NewDict() *Dict { return &Dict{} }

// ConfigDict returns the entries of a config value: v itself if it is a
// dict, the attributes of a schema instance, and nil for any other value.
func ConfigDict(v Value) *Dict {
	switch v := v.(type) {
	case *Dict:
		return v
	case *Schema:
		return v.Attrs
	}
	return nil
}

// NewDictCap returns an empty dict with room for n keys.
func NewDictCap(n int) *Dict { return &Dict{entries: make([]Entry, 0, n)} }

// Len returns the number of keys.
func (d *Dict) Len() int { return len(d.entries) }

func (d *Dict) find(key string) int {
	if d.index != nil {
		if i, ok := d.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range d.entries {
		if d.entries[i].Key == key {
			return i
		}
	}
	return -1
}

// Get returns the value of key.
func (d *Dict) Get(key string) (Value, bool) {
	if i := d.find(key); i >= 0 {
		return d.entries[i].Value, true
	}
	return nil, false
}

// GetOr returns the value of key, or def when absent.
func (d *Dict) GetOr(key string, def Value) Value {
	if i := d.find(key); i >= 0 {
		return d.entries[i].Value
	}
	return def
}

// Has reports whether key is present.
func (d *Dict) Has(key string) bool { return d.find(key) >= 0 }

// Lookup returns the entry of key (a copy) and whether it exists.
func (d *Dict) Lookup(key string) (Entry, bool) {
	if i := d.find(key); i >= 0 {
		return d.entries[i], true
	}
	return Entry{}, false
}

// Set sets key to v with the union operator, keeping the key's position
// when it exists.
func (d *Dict) Set(key string, v Value) { d.SetEntry(key, v, OpUnion, -1) }

// SetEntry sets key to v recording op and insert index, keeping the key's
// position when it exists.
func (d *Dict) SetEntry(key string, v Value, op Op, index int) {
	if i := d.find(key); i >= 0 {
		e := &d.entries[i]
		e.Value, e.Op, e.Index = v, op, index
		return
	}
	d.entries = append(d.entries, Entry{Key: key, Value: v, Op: op, Index: index})
	if d.index != nil {
		d.index[key] = len(d.entries) - 1
	} else if len(d.entries) > linearMax {
		d.reindex()
	}
}

// SetValue replaces the value of an existing key without touching its
// operator, or adds the key with the union operator.
func (d *Dict) SetValue(key string, v Value) {
	if i := d.find(key); i >= 0 {
		d.entries[i].Value = v
		return
	}
	d.Set(key, v)
}

func (d *Dict) reindex() {
	d.index = make(map[string]int, len(d.entries)*2)
	for i, e := range d.entries {
		d.index[e.Key] = i
	}
}

// Delete removes key (no-op when absent).
func (d *Dict) Delete(key string) {
	i := d.find(key)
	if i < 0 {
		return
	}
	d.entries = append(d.entries[:i], d.entries[i+1:]...)
	if d.index != nil {
		d.reindex()
	}
}

// Reset removes every key, keeping the allocated room.
func (d *Dict) Reset() {
	clear(d.entries)
	d.entries = d.entries[:0]
	d.index = nil
}

// Keys returns the keys in order.
func (d *Dict) Keys() []string {
	keys := make([]string, len(d.entries))
	for i, e := range d.entries {
		keys[i] = e.Key
	}
	return keys
}

// Values returns the values in key order.
func (d *Dict) Values() []Value {
	vals := make([]Value, len(d.entries))
	for i, e := range d.entries {
		vals[i] = e.Value
	}
	return vals
}

// Entries returns the entries in order. The slice must not be modified;
// it is invalidated by the next change of the dict.
func (d *Dict) Entries() []Entry { return d.entries }

// Copy returns a shallow copy (values are shared, entries and operators
// copied).
func (d *Dict) Copy() *Dict {
	c := &Dict{entries: append([]Entry(nil), d.entries...)}
	if d.index != nil {
		c.reindex()
	}
	return c
}

// ClearOps resets every key's operator to union (after a merge the ops of
// a result are no longer meaningful).
func (d *Dict) ClearOps() {
	for i := range d.entries {
		d.entries[i].Op, d.entries[i].Index = OpUnion, -1
	}
}

// SortKeys reorders the dict by key (byte order).
func (d *Dict) SortKeys() {
	sort.SliceStable(d.entries, func(i, j int) bool { return d.entries[i].Key < d.entries[j].Key })
	if d.index != nil {
		d.reindex()
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
