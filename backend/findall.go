package backend

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DefaultFindTimeout bounds how long FindAll waits for one store: a
// person at a scanner waits for an answer, and a store that has not
// answered by then is reported as such while the others' answers show.
const DefaultFindTimeout = 10 * time.Second

// FindOptions tune FindAll.
type FindOptions struct {
	// Timeout bounds each store's lookup (0: DefaultFindTimeout).
	Timeout time.Duration
	// Mirror, when set, is asked first: the local copy of the stores'
	// orders (storage's MirrorFind). When it holds a match in one of the
	// stores asked about, those matches are the answer and no store is
	// asked; when it has none, or fails, the stores are asked.
	Mirror func(ctx context.Context, text string) ([]Order, error)
}

// StoreError is why one store could not be asked.
type StoreError struct {
	Store string
	Err   error
}

// FindResult is what FindAll found.
type FindResult struct {
	// Text is the lookup as cleaned by ParseLookup.
	Text string
	// Matches are the orders found, in the order of the stores asked,
	// each store's by id.
	Matches []Order
	// Stores are the names of the stores looked in, in order.
	Stores []string
	// Failed are the stores that could not answer (down, rate-limited,
	// too slow), in the order of the stores asked.
	Failed []StoreError
	// FromMirror is true when the matches came from the local mirror.
	FromMirror bool
}

// findGrace starts the wait after which FindAll stops waiting for stores
// that ignore their context; took is called for each answer taken before
// it ends. Tests replace it, to end the wait once the answers they expect
// are in rather than when a loaded machine's clock says.
var findGrace = func(d time.Duration) (grace <-chan time.Time, took, stop func()) {
	t := time.NewTimer(d)
	return t.C, func() {}, func() { t.Stop() }
}

// FindAll looks text up in every store at once (Find on each), each
// bounded by opt.Timeout, and keeps each store's failure beside the
// others' answers. Its error is only for text that is no lookup at all
// (ParseLookup's); no match is an empty result (see FindResult.Err).
func FindAll(ctx context.Context, stores []Backend, text string, opt FindOptions) (FindResult, error) {
	t, err := ParseLookup(text)
	if err != nil {
		return FindResult{}, err
	}
	res := FindResult{Text: t}
	for _, b := range stores {
		res.Stores = append(res.Stores, b.Name())
	}
	if opt.Mirror != nil {
		if found, err := opt.Mirror(ctx, t); err == nil {
			for _, o := range found {
				if slices.Contains(res.Stores, o.Store) && MatchesLookup(o, t) {
					res.Matches = append(res.Matches, o)
				}
			}
			if len(res.Matches) > 0 {
				res.FromMirror = true
				sortMatches(res.Matches, res.Stores)
				return res, nil
			}
		}
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = DefaultFindTimeout
	}
	type answer struct {
		i      int
		orders []Order
		err    error
	}
	// Buffered for every store: a store that answers after the deadline
	// finds room and its goroutine ends.
	answers := make(chan answer, len(stores))
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for i, b := range stores {
		go func() {
			orders, err := Find(ctx, b, t)
			answers <- answer{i, orders, err}
		}()
	}
	got := make([]*answer, len(stores))
	// A store that ignores its context must not hold the others' answers
	// back: past the deadline (and a moment for the answers already under
	// way), the missing ones are reported as too slow.
	grace, took, stop := findGrace(timeout + 250*time.Millisecond)
	defer stop()
wait:
	for n := 0; n < len(stores); n++ {
		select {
		case a := <-answers:
			got[a.i] = &a
			took()
		case <-grace:
			break wait
		}
	}
	for i, b := range stores {
		a := got[i]
		switch {
		case a == nil:
			res.Failed = append(res.Failed, StoreError{b.Name(), &Error{Kind: KindUnavailable, Store: b.Name(), Op: "look up " + t,
				Message: fmt.Sprintf("no answer within %s", timeout)}})
		case a.err != nil:
			err := a.err
			if ctxErr := context.Cause(ctx); ctxErr != nil && KindOf(err) == KindUnknownError && errors.Is(err, ctxErr) {
				err = &Error{Kind: KindUnavailable, Store: b.Name(), Op: "look up " + t, Message: fmt.Sprintf("no answer within %s", timeout), Err: err}
			}
			res.Failed = append(res.Failed, StoreError{b.Name(), err})
		default:
			res.Matches = append(res.Matches, a.orders...)
		}
	}
	sortMatches(res.Matches, res.Stores)
	return res, nil
}

// sortMatches puts matches in the order of the stores, each store's by
// id (numerically where the ids are numbers).
func sortMatches(m []Order, stores []string) {
	rank := func(s string) int {
		if i := slices.Index(stores, s); i >= 0 {
			return i
		}
		return len(stores)
	}
	slices.SortStableFunc(m, func(a, b Order) int {
		if d := rank(a.Store) - rank(b.Store); d != 0 {
			return d
		}
		if len(a.ID) != len(b.ID) {
			return len(a.ID) - len(b.ID)
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// Err is nil when something was found, else one line for the person who
// looked: where it was looked for, and which stores could not say.
func (r FindResult) Err() error {
	if len(r.Matches) > 0 {
		return nil
	}
	return &NoMatchError{Text: r.Text, Stores: r.Stores, Failed: r.Failed}
}

// NoMatchError says that no store has the order looked for, and which
// could not be asked. errors.Is(err, ErrNotFound) holds when every store
// answered.
type NoMatchError struct {
	Text   string
	Stores []string
	Failed []StoreError
}

func (e *NoMatchError) Error() string {
	var answered []string
	for _, s := range e.Stores {
		if !slices.ContainsFunc(e.Failed, func(f StoreError) bool { return f.Store == s }) {
			answered = append(answered, s)
		}
	}
	var b strings.Builder
	switch {
	case len(e.Stores) == 0:
		fmt.Fprintf(&b, "no order %s: there are no stores to look in", e.Text)
	case len(e.Failed) == 0 && len(e.Stores) == 1:
		fmt.Fprintf(&b, "no order %s in %s", e.Text, e.Stores[0])
	case len(e.Failed) == 0:
		fmt.Fprintf(&b, "no order %s in any store (looked in %s)", e.Text, strings.Join(e.Stores, ", "))
	case len(answered) == 0:
		fmt.Fprintf(&b, "order %s could not be looked up", e.Text)
	default:
		fmt.Fprintf(&b, "no order %s in %s", e.Text, strings.Join(answered, ", "))
	}
	for i, f := range e.Failed {
		if i == 0 {
			b.WriteString("; ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(storeFailure(f))
	}
	if len(e.Failed) > 0 && len(answered) > 0 {
		b.WriteString(": it may be there")
	}
	return CleanLine(b.String())
}

// storeFailure is "Lunasoft did not answer (unavailable: …)" in a few words.
func storeFailure(f StoreError) string {
	what := "could not be asked"
	switch KindOf(f.Err) {
	case KindRateLimited:
		what = "is rate-limited"
	case KindUnavailable:
		what = "did not answer"
	case KindUnauthorized:
		what = "refused the key"
	}
	detail := f.Err.Error()
	var be *Error
	if errors.As(f.Err, &be) {
		// The store and op are said already; keep the kind and message.
		detail = (&Error{Kind: be.Kind, Message: be.Message, RetryAfter: be.RetryAfter}).Error()
	}
	return f.Store + " " + what + " (" + detail + ")"
}

// Unwrap makes errors.Is(err, ErrNotFound) true when every store answered.
func (e *NoMatchError) Unwrap() error {
	if len(e.Failed) == 0 {
		return ErrNotFound
	}
	return nil
}
