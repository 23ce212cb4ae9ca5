package model

import (
	"fmt"
	"strings"
)

// Queue is a named list of leads on the queue screen and in `align lead list --queue`.
type Queue string

// The queues of product.md, in the order `[` and `]` walk them.
const (
	QueueMQL      Queue = "mql"
	QueueMine     Queue = "mine"
	QueueRejected Queue = "rejected"
	QueueDisputes Queue = "disputes"
	QueueNurture  Queue = "nurture"
	QueueAll      Queue = "all"
)

// Queues lists every queue; the MQL inbox is first and opens by default.
var Queues = []Queue{QueueMQL, QueueMine, QueueRejected, QueueDisputes, QueueNurture, QueueAll}

// ParseQueue reads a queue name as typed.
func ParseQueue(s string) (Queue, error) {
	q := Queue(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Queues {
		if x == q {
			return x, nil
		}
	}
	return "", fmt.Errorf("%q is not a queue; use one of mql, mine, rejected, disputes, nurture or all", s)
}

// Title is the queue's name on screen.
func (q Queue) Title() string {
	switch q {
	case QueueMQL:
		return "MQL inbox"
	case QueueMine:
		return "My leads"
	case QueueRejected:
		return "Rejected"
	case QueueDisputes:
		return "Disputes"
	case QueueNurture:
		return "Nurture"
	case QueueAll:
		return "All leads"
	}
	return string(q)
}

// Holds reports whether the queue lists the lead; "mine" is relative to the member me.
//
//   - mql: every MQL, oldest acceptance deadline first;
//   - mine: open leads (MQL, accepted, SQL) that me owns, by stage deadline;
//   - rejected: leads sales sent back (recycled or disqualified with a rejection) that
//     nobody has disputed yet, newest first: marketing's review list;
//   - disputes: rejections with an open dispute, oldest first: leadership's list;
//   - nurture: inquiries and recycled leads, marketing's to work;
//   - all: every lead by ID.
func (q Queue) Holds(l *Lead, me string) bool {
	switch q {
	case QueueMQL:
		return l.Stage == StageMQL
	case QueueMine:
		return me != "" && l.Owner == me && (l.Stage == StageMQL || l.Stage == StageSAL || l.Stage == StageSQL)
	case QueueRejected:
		return l.Rejection != nil && l.Dispute == nil && (l.Stage == StageRecycled || l.Stage == StageDisqualified)
	case QueueDisputes:
		return l.DisputeOpen()
	case QueueNurture:
		return l.Stage == StageInquiry || l.Stage == StageRecycled
	case QueueAll:
		return true
	}
	return false
}

// SortKey is the lead's position in the queue as a number, smallest first; ties are
// broken by lead ID. It is what the store's queue indexes are ordered by.
func (q Queue) SortKey(l *Lead) int64 {
	switch q {
	case QueueMQL:
		return l.AcceptClock.Deadline.UnixMilli()
	case QueueMine:
		if l.Stage == StageMQL {
			return l.AcceptClock.Deadline.UnixMilli()
		}
		if l.FirstTouchClock.Running() {
			return l.FirstTouchClock.Deadline.UnixMilli()
		}
		return l.StageSince.UnixMilli()
	case QueueRejected:
		if l.Rejection != nil {
			return -l.Rejection.At.UnixMilli()
		}
	case QueueDisputes:
		if l.Dispute != nil {
			return l.Dispute.At.UnixMilli()
		}
	case QueueNurture:
		return -l.StageSince.UnixMilli()
	}
	return 0
}

// Cursor is a position in a queue: the queue's sort key and the lead ID that breaks
// ties. Screens and the store page through queues with it.
type Cursor struct {
	Key int64
	ID  LeadID
}

// CursorOf is the lead's position in the queue q.
func CursorOf(q Queue, l *Lead) Cursor {
	return Cursor{Key: q.SortKey(l), ID: l.ID}
}
