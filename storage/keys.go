package storage

// Key layout. Every key starts with a one-letter prefix and a slash; numbers are
// 8-byte big-endian so that Badger's byte order is numeric order. Sort keys are
// signed, so they are stored with the sign bit flipped (sortBytes), which keeps
// negative keys before positive ones. Names that are followed by more bytes end with
// a 0x00 byte, which no stored name contains (member names, persona, campaign and
// journey IDs are validated text without control characters).
//
//	l/<id 8>                         lead as JSON
//	e/<lower-cased email>            -> id 8   unique: checked with Get, never a scan
//	x/<external id>                  -> id 8   unique, the same way
//	q/<queue 1><sort 8><id 8>        empty     queue index: mql 'm', rejected 'r',
//	                                           disputes 'd', nurture 'n'
//	o/<owner>0x00<sort 8><id 8>      empty     "My leads" of one owner
//	p/<persona>0x00<id 8>            empty     leads linked to a persona
//	c/<campaign>0x00<id 8>           empty     leads attributed to a campaign
//	j/<journey stage>0x00<since 8><id 8>  empty  leads in a buyer-journey stage, oldest
//	                                 in the stage first (journey.go)
//	w/<persona>0x00<id 8>            empty     won leads linked to a persona (persona_stats.go)
//	h/<id 8><seq 8>                  empty     one per committed change of the lead
//	i/<last id 8>                    <first id 8><seq 8>: event seq (an import) created
//	                                 the leads first..last (import_history.go); a
//	                                 lead's Version is its i/ range, if any, plus its
//	                                 h/ keys
//	v/<seq 8>                        event as JSON (the audit log and team feed);
//	                                 user meta 1 when its lead IDs are under b/
//	b/<seq 8>                        the lead IDs of a batch event, 8 bytes each
//	u/<actor>0x00<seq 8>             empty     the actor's own lead changes, for Undo
//	n/<counter>                      int64 8   counters, changed in the same
//	                                           transaction as what they count:
//	                                           n/all, n/q<queue 1>, n/o<owner>,
//	                                           n/p<persona>, n/c<campaign>, n/j<stage>,
//	                                           n/w<persona> (won leads of the persona)
//	m/<member name>                  member as JSON
//	k/<SHA256 key fingerprint>       -> member name
//	s/settings, s/rules              settings and the current rule set as JSON
//	s/persona/<id>, s/journey/<id>, s/campaign/<id>   workspace cards as JSON
//	s/seq/lead, s/seq/event          last lead ID and last event seq, as uint64 8
//	r/<version 8>                    every rule set ever saved, as JSON
//
// Sequences are counters read and written inside the transaction that uses them, so
// IDs are dense, in commit order, and never lost to a crash (Badger's leased
// Sequence would leave gaps).
//
// What one lead costs: l/ always; h/ one per change, except the import that created
// it (one i/ key per import part covers all the leads it created); e/ and x/ when it
// has an email or an external ID; one or two queue entries (an MQL is in the inbox,
// a recycled lead in nurture and, until disputed, in rejected); o/ while it is owned
// and open; p/, c/ and j/ when linked. A freshly imported lead with an email and a
// campaign costs five keys (l, e, q, c, j), and each later change adds one h/ key.

import (
	"encoding/binary"

	"align/model"
)

// Key prefixes, one per kind of record.
var (
	prefixLead      = []byte("l/")
	prefixEmail     = []byte("e/")
	prefixExternal  = []byte("x/")
	prefixQueue     = []byte("q/")
	prefixOwner     = []byte("o/")
	prefixPersona   = []byte("p/")
	prefixCampaign  = []byte("c/")
	prefixJourney   = []byte("j/")
	prefixHistory   = []byte("h/")
	prefixCreated   = []byte("i/")
	prefixEvent     = []byte("v/")
	prefixBatch     = []byte("b/")
	prefixUndo      = []byte("u/")
	prefixCounter   = []byte("n/")
	prefixMember    = []byte("m/")
	prefixKey       = []byte("k/")
	prefixRuleHist  = []byte("r/")
	keySettings     = []byte("s/settings")
	keyRules        = []byte("s/rules")
	keySeqLead      = []byte("s/seq/lead")
	keySeqEvent     = []byte("s/seq/event")
	prefixPersonaC  = []byte("s/persona/")
	prefixJourneyC  = []byte("s/journey/")
	prefixCampaignC = []byte("s/campaign/")
)

// Counter names (the part after n/).
const counterAll = "all"

// queueByte is a queue's byte in q/ keys and its counter; 0 for the queues that have no
// q/ index (mine has o/, all iterates l/).
func queueByte(q model.Queue) byte {
	switch q {
	case model.QueueMQL:
		return 'm'
	case model.QueueRejected:
		return 'r'
	case model.QueueDisputes:
		return 'd'
	case model.QueueNurture:
		return 'n'
	}
	return 0
}

// indexedQueues are the queues kept in q/ keys.
var indexedQueues = []model.Queue{model.QueueMQL, model.QueueRejected, model.QueueDisputes, model.QueueNurture}

func cat(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func be8(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

func readBE8(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b[len(b)-8:])
}

// sortBytes orders signed sort keys: flipping the sign bit makes the big-endian bytes
// of an int64 sort like the numbers.
func sortBytes(k int64) []byte { return be8(uint64(k) ^ (1 << 63)) }

func sortFromBytes(b []byte) int64 { return int64(binary.BigEndian.Uint64(b) ^ (1 << 63)) }

func leadKey(id model.LeadID) []byte { return cat(prefixLead, be8(uint64(id))) }

func emailKey(email string) []byte { return cat(prefixEmail, []byte(model.NormalEmail(email))) }

func externalKey(ext string) []byte { return cat(prefixExternal, []byte(ext)) }

// queuePrefix is where a queue's entries start: q/<queue byte> or o/<owner>0x00.
func queuePrefix(q model.Queue, me string) []byte {
	if q == model.QueueMine {
		return cat(prefixOwner, []byte(me), []byte{0})
	}
	return cat(prefixQueue, []byte{queueByte(q)})
}

// queueEntryKey is a lead's entry in a queue index at a cursor position.
func queueEntryKey(prefix []byte, c Cursor) []byte {
	return cat(prefix, sortBytes(c.Key), be8(uint64(c.ID)))
}

// cursorFromEntry reads the cursor back from a queue entry key.
func cursorFromEntry(prefix, key []byte) Cursor {
	rest := key[len(prefix):]
	return Cursor{Key: sortFromBytes(rest[:8]), ID: model.LeadID(binary.BigEndian.Uint64(rest[8:16]))}
}

// linkKey is an entry of the p/, c/ and w/ indexes.
func linkKey(prefix []byte, name string, id model.LeadID) []byte {
	return cat(prefix, []byte(name), []byte{0}, be8(uint64(id)))
}

func historyPrefix(id model.LeadID) []byte { return cat(prefixHistory, be8(uint64(id))) }

func historyKey(id model.LeadID, seq uint64) []byte {
	return cat(prefixHistory, be8(uint64(id)), be8(seq))
}

func eventKey(seq uint64) []byte { return cat(prefixEvent, be8(seq)) }

func batchKey(seq uint64) []byte { return cat(prefixBatch, be8(seq)) }

func undoPrefix(actor string) []byte { return cat(prefixUndo, []byte(actor), []byte{0}) }

func undoKey(actor string, seq uint64) []byte { return cat(undoPrefix(actor), be8(seq)) }

func counterKey(name string) []byte { return cat(prefixCounter, []byte(name)) }

func memberKey(name string) []byte { return cat(prefixMember, []byte(name)) }

func fingerprintKey(fp string) []byte { return cat(prefixKey, []byte(fp)) }

func ruleHistoryKey(version int) []byte { return cat(prefixRuleHist, be8(uint64(version))) }

func personaKey(id string) []byte  { return cat(prefixPersonaC, []byte(id)) }
func journeyKey(id string) []byte  { return cat(prefixJourneyC, []byte(id)) }
func campaignKey(id string) []byte { return cat(prefixCampaignC, []byte(id)) }

// seekLast is a key after every key under the prefix (whose tails are at most 32
// bytes), where a reverse iterator starts to find the prefix's last key.
func seekLast(prefix []byte) []byte {
	out := append(make([]byte, 0, len(prefix)+32), prefix...)
	for range 32 {
		out = append(out, 0xff)
	}
	return out
}
