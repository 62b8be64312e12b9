package backend

import "time"

// Team mode: several orderdash processes (operators' dashboards, Kornit X
// receivers) share one database. These are the types its storage and its
// screens pass between them.

// OrderRef names one order of one store.
type OrderRef struct {
	Store string `json:"store"`
	ID    string `json:"id"`
}

// Claim is an operator's hold on an order while a picker or a bulk change
// is open on it: others see who holds it, and their changes to it are
// refused unless they take it over explicitly.
type Claim struct {
	OrderRef
	// Operator is who holds it, for "ann is changing this".
	Operator string `json:"operator"`
	// Holder is the orderdash process holding it: two terminals of one
	// operator hold their claims apart.
	Holder string `json:"holder"`
	// Until is when it lapses unless renewed (the database's clock).
	Until time.Time `json:"until"`
}

// NoticeKind says what a Notice is about.
type NoticeKind string

const (
	// NoticeChange: a journal entry was recorded or moved (ChangeID, State).
	NoticeChange NoticeKind = "change"
	// NoticePush: a Kornit X order was pushed (Store, OrderID).
	NoticePush NoticeKind = "push"
	// NoticeClaim: claims on orders were taken, renewed or released.
	NoticeClaim NoticeKind = "claim"
	// NoticeSynced: a sync wrote a page of a store's orders into the
	// shared mirror (Store): one notice per page written, not per order;
	// a prune that removed a store's old final orders tells it too, once.
	NoticeSynced NoticeKind = "synced"
	// NoticeResync: notices may have been missed (the connection to the
	// database was lost and is back): re-read what is on screen.
	NoticeResync NoticeKind = "resync"
	// NoticeOffline: the connection to the database was lost; it is
	// being made again (NoticeResync follows once it is back).
	NoticeOffline NoticeKind = "offline"
)

// Notice is one event another process (or this one) made in a shared
// database, for live screens.
type Notice struct {
	Kind     NoticeKind  `json:"k"`
	Store    string      `json:"s,omitempty"`
	OrderID  string      `json:"o,omitempty"`
	ChangeID int64       `json:"c,omitempty"`
	State    ChangeState `json:"st,omitempty"`
	// From is the sending process's id (its database handle's, random
	// per open): a process can tell its own notices from the others'.
	// Empty (a sender from before it was carried, or a notice the
	// subscription makes itself) counts as another process's.
	From string `json:"f,omitempty"`
}

// DefaultClaimTTL is how long a claim lasts unless renewed: the picker
// renews its claim while it is open.
const DefaultClaimTTL = 2 * time.Minute

// ClaimOptions tune a claim.
type ClaimOptions struct {
	// Operator is who claims, shown to the others.
	Operator string
	// TTL is how long the claims last (0: DefaultClaimTTL).
	TTL time.Duration
	// TakeOver takes orders claimed by others too: only after the
	// operator confirmed it.
	TakeOver bool
}

// ClaimResult is what a claim did with each order asked for.
type ClaimResult struct {
	// Claimed are now this process's, until Until: new, renewed, or
	// taken over.
	Claimed []Claim
	// Held are claimed by someone else (who, until when) and were left
	// alone: the picker refuses them, a bulk change skips them and lists
	// them in its report.
	Held []Claim
}
