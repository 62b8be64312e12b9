package pgstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/orderdash/orderdash/backend"
)

// noticeBuffer is how many notices wait for a slow subscriber before it
// is told to resync instead.
const noticeBuffer = 256

// Subscribe delivers the notices of every process sharing the database
// (this one's too: Notice.From is Sender's for those) until ctx ends,
// then closes the channel. It holds a
// connection of its own, outside the pool, LISTENing on the schema's
// channel. The first connection is made before it returns (its failure is
// the error); a connection lost later is made again by itself, with
// backoff, and backend.NoticeResync is sent once it is back: notices
// meanwhile were missed. A subscriber that falls behind by more than the
// channel holds gets NoticeResync in place of what it missed. A lost
// connection is said at once (backend.NoticeOffline).
//
// Close ends every subscription of the Store too.
func (s *Store) Subscribe(ctx context.Context) (<-chan backend.Notice, error) {
	conn, err := s.listen(ctx)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-s.stop:
		case <-ctx.Done():
		}
		cancel()
	}()
	out := make(chan backend.Notice, noticeBuffer)
	go s.deliver(ctx, conn, out)
	return out, nil
}

// Sender is the id this process's notices carry (backend.Notice.From),
// random per Open: a subscriber knows its own notices by it.
func (s *Store) Sender() string { return s.id }

func (s *Store) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, s.connCfg)
	if err != nil {
		return nil, s.wrap("listen to database", err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{s.channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, s.wrap("listen to database", err)
	}
	return conn, nil
}

func (s *Store) deliver(ctx context.Context, conn *pgx.Conn, out chan<- backend.Notice) {
	defer close(out)
	missed := false
	send := func(n backend.Notice) {
		if missed {
			select {
			case out <- backend.Notice{Kind: backend.NoticeResync}:
				missed = false
			default:
				return
			}
		}
		select {
		case out <- n:
		default:
			missed = true
		}
	}
	for {
		for conn != nil {
			n, err := conn.WaitForNotification(ctx)
			if err != nil {
				conn.Close(context.Background())
				conn = nil
				break
			}
			var notice backend.Notice
			if json.Unmarshal([]byte(n.Payload), &notice) != nil || notice.Kind == "" {
				notice = backend.Notice{Kind: backend.NoticeResync}
			}
			send(notice)
		}
		if ctx.Err() != nil {
			return
		}
		// Said at once, so a dashboard refuses changes before one fails.
		select {
		case out <- backend.Notice{Kind: backend.NoticeOffline}:
		default:
		}
		// Reconnect, waiting longer each time up to five seconds.
		for wait := 100 * time.Millisecond; conn == nil; wait = min(wait*2, 5*time.Second) {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			conn, _ = s.listen(ctx)
		}
		missed = true
		select {
		case out <- backend.Notice{Kind: backend.NoticeResync}:
			missed = false
		default:
		}
	}
}
