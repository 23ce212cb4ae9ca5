package sample

import (
	"math/rand/v2"
	"time"
)

// dice is the generator's source of variety: a PCG stream with helpers for the
// choices the generator makes. Each Generate or WriteCSV call owns one, so there is
// no shared state and the same seed always gives the same workspace.
type dice struct{ r *rand.Rand }

func newDice(seed1, seed2 uint64) *dice { return &dice{rand.New(rand.NewPCG(seed1, seed2))} }

// chance reports true with probability p.
func (d *dice) chance(p float64) bool { return d.r.Float64() < p }

// intn returns a number in [0, n).
func (d *dice) intn(n int) int { return d.r.IntN(n) }

// between returns a whole number in [lo, hi].
func (d *dice) between(lo, hi int) int { return lo + d.r.IntN(hi-lo+1) }

// span returns a duration in [lo, hi], to the second.
func (d *dice) span(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return (lo + time.Duration(d.r.Int64N(int64(hi-lo)))).Truncate(time.Second)
}

// weighted returns an index into weights, chosen in proportion to them.
func (d *dice) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := d.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// pick returns one element of a non-empty slice.
func pick[T any](d *dice, xs []T) T { return xs[d.r.IntN(len(xs))] }
