package storage

import (
	"context"
	"sync"
	"time"

	"align/model"
)

// commitHookKey is the context key of WithCommitHook.
type commitHookKey struct{}

// WithCommitHook returns ctx with a function that a change made with it calls for each
// of its feed items once it has committed, before any subscriber sees them: whoever
// made a change can know it as its own, which the feed, where a lagging subscriber gets
// a reload instead, cannot promise.
func WithCommitHook(ctx context.Context, hook func(model.FeedItem)) context.Context {
	return context.WithValue(ctx, commitHookKey{}, hook)
}

// commitHook is ctx's WithCommitHook function, or nil.
func commitHook(ctx context.Context) func(model.FeedItem) {
	hook, _ := ctx.Value(commitHookKey{}).(func(model.FeedItem))
	return hook
}

// feedBuffer is how many items a subscriber may fall behind before it is told to reload.
// Every SSH session holds one subscription, and a channel's buffer is allocated in full
// at Subscribe, so this is memory per teammate: 32 items is 4 KB where 256 was 32 KB. A
// burst larger than that (an import) costs the subscriber one reload, not a lost change.
const feedBuffer = 32

// feedRetry is how often a lagging subscriber is offered its reload when no new
// change comes to carry it.
const feedRetry = 50 * time.Millisecond

// Subscription is one screen's view of the change feed. C delivers every committed
// change in commit order; a subscriber that falls behind gets a single
// FeedItem{Reload: true} instead of what it missed, and must reload what it shows.
type Subscription struct {
	// C is closed by Close or when the store closes.
	C <-chan model.FeedItem

	ch     chan model.FeedItem
	hub    *feedHub
	mu     sync.Mutex
	lagged bool
	closed bool
}

// Close ends the subscription and closes C.
func (sub *Subscription) Close() {
	sub.hub.remove(sub)
	sub.close()
}

func (sub *Subscription) close() {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if !sub.closed {
		sub.closed = true
		close(sub.ch)
	}
}

// offer delivers an item without ever blocking: a full buffer marks the subscriber as
// lagged, and a lagged subscriber gets only the reload, as soon as there is room.
// Items dropped while lagged all committed before the reload is sent, so reloading
// after receiving it shows them.
func (sub *Subscription) offer(item model.FeedItem, fresh bool) {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if sub.closed {
		return
	}
	if sub.lagged {
		select {
		case sub.ch <- model.FeedItem{Reload: true}:
			sub.lagged = false
		default:
		}
		return
	}
	if !fresh {
		return
	}
	select {
	case sub.ch <- item:
	default:
		sub.lagged = true
	}
}

// feedHub is the set of subscriptions.
type feedHub struct {
	mu   sync.RWMutex
	subs map[*Subscription]struct{}
}

func newFeedHub() *feedHub { return &feedHub{subs: map[*Subscription]struct{}{}} }

// Subscribe starts a subscription to every change committed from now on.
func (s *Store) Subscribe() *Subscription {
	ch := make(chan model.FeedItem, feedBuffer)
	sub := &Subscription{C: ch, ch: ch, hub: s.feed}
	s.feed.mu.Lock()
	s.feed.subs[sub] = struct{}{}
	s.feed.mu.Unlock()
	return sub
}

func (h *feedHub) remove(sub *Subscription) {
	h.mu.Lock()
	delete(h.subs, sub)
	h.mu.Unlock()
}

// publish offers a committed change to every subscriber; it never blocks.
func (h *feedHub) publish(item model.FeedItem) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for sub := range h.subs {
		sub.offer(item, true)
	}
}

// retryLagged offers the reload to lagging subscribers.
func (h *feedHub) retryLagged() {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for sub := range h.subs {
		sub.offer(model.FeedItem{}, false)
	}
}

func (h *feedHub) closeAll() {
	h.mu.Lock()
	subs := h.subs
	h.subs = map[*Subscription]struct{}{}
	h.mu.Unlock()
	for sub := range subs {
		sub.close()
	}
}

// feedLoop delivers pending reloads to lagging subscribers even when no new change
// comes along, until the store closes.
func (s *Store) feedLoop() {
	t := time.NewTicker(feedRetry)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			s.feed.retryLagged()
		}
	}
}
