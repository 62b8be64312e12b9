package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Team mode's part of the model: the live subscription (live.go), the
// claims (claims.go) and whether the shared database answers.

// teamState is what the model keeps of team mode.
type teamState struct {
	live   liveState
	claims claimState
	// others are other operators' changes in flight, on the rows.
	others othersState
	// offline: the shared database does not answer. Reads go on (the
	// mirror is this machine's); changes are refused until it answers.
	offline    bool
	offlineErr string
	pingSeq    int64
}

const (
	// pingEvery is how often the shared database is asked whether it
	// answers: rarely while it does (a lost connection is noticed at once
	// by the subscription), often while it does not.
	pingEvery        = 15 * time.Second
	pingEveryOffline = 3 * time.Second
	pingTimeout      = 3 * time.Second
)

type pingMsg struct {
	seq int64
	err error
}
type pingTickMsg struct{ seq int64 }

// startTeam is Init's part for team mode.
func (m *Model) startTeam() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.Live != nil {
		cmds = append(cmds, m.subscribe(), m.schedulePing())
	}
	if m.opts.Claims != nil {
		cmds = append(cmds, m.loadClaims())
	}
	return tea.Batch(cmds...)
}

// updateTeam handles team mode's messages (Update's switch passes what it
// does not know).
func (m *Model) updateTeam(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case liveSubscribedMsg:
		return m.onLiveSubscribed(msg)
	case liveRetryMsg:
		if msg.gen == m.team.live.gen {
			return m.subscribe()
		}
	case noticesMsg:
		return m.onNotices(msg)
	case pingTickMsg:
		if msg.seq == m.team.pingSeq {
			// Claims that lapsed without a notice (their holder died) stop
			// showing on this beat.
			return tea.Batch(m.ping(), m.loadClaims())
		}
	case pingMsg:
		return m.onPing(msg)
	case claimsMsg:
		m.onClaims(msg)
	case claimMsg:
		return m.onClaim(msg)
	case claimRenewMsg:
		return m.onClaimRenew(msg)
	case othersMsg:
		m.onOthers(msg)
	}
	return nil
}

// afterTeam runs after every message: claims are let go once nothing
// that needs them is open.
func (m *Model) afterTeam() tea.Cmd { return m.releaseIdleClaims() }

func (m *Model) schedulePing() tea.Cmd {
	m.team.pingSeq = m.nextID()
	every := pingEvery
	if m.team.offline {
		every = pingEveryOffline
	}
	return m.env.after(every, pingTickMsg{seq: m.team.pingSeq})
}

func (m *Model) ping() tea.Cmd {
	live, ctx, seq := m.opts.Live, m.ctx, m.team.pingSeq
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, pingTimeout)
		defer cancel()
		return pingMsg{seq: seq, err: live.Ping(ctx)}
	}
}

func (m *Model) onPing(msg pingMsg) tea.Cmd {
	if msg.seq != m.team.pingSeq || m.ctx.Err() != nil {
		return nil
	}
	var cmd tea.Cmd
	if msg.err != nil {
		cmd = m.dbOffline(msg.err)
	} else {
		cmd = m.backOnlineDB()
	}
	return tea.Batch(cmd, m.schedulePing())
}

// dbOffline says the shared database does not answer: the status bar
// says so, and changes are refused (writesOff) until it answers.
func (m *Model) dbOffline(err error) tea.Cmd {
	if m.opts.Live == nil {
		return nil
	}
	was := m.team.offline
	m.team.offline = true
	if err != nil {
		m.team.offlineErr = errorLine(err)
	}
	if was {
		return nil
	}
	m.log.Warn("team database offline", "err", err)
	// Asked again soon, to say when it is back.
	return m.schedulePing()
}

// backOnlineDB says the shared database answers again, and re-reads what
// may have changed meanwhile.
func (m *Model) backOnlineDB() tea.Cmd {
	if !m.team.offline {
		return nil
	}
	m.team.offline, m.team.offlineErr = false, ""
	m.log.Info("team database back online")
	return tea.Batch(m.flash("✓ the database answers again", true), m.schedulePing(), m.reread(), m.loadJournal(), m.loadClaims())
}

// dbOfflineText is the one line a refused change says.
const dbOfflineText = "database offline: changes are refused until it answers again (orderdash reconnects by itself)"

// teamChip is the status bar's word on the shared database.
func (m *Model) teamChip() string {
	if !m.team.offline {
		return ""
	}
	return m.st.Error.Render(" " + glyphFailed + " database offline")
}

// backend.NoticeOffline is handled with the other notices.
func (m *Model) noticeOffline() tea.Cmd { return m.dbOffline(nil) }
