// Package storagetest is the storage contract's test suite: one set of
// tests that every implementation of storage.Store passes, SQLite
// (*storage.DB) and PostgreSQL (pgstore) alike.
//
//	func TestContract(t *testing.T) {
//		storagetest.Run(t, func(t *testing.T) storagetest.Opener {
//			db := newEmptyDatabase(t)
//			return func(t *testing.T) storage.Store { return openHandle(t, db) }
//		}, storagetest.Features{})
//	}
package storagetest

import (
	"testing"

	"github.com/orderdash/orderdash/storage"
)

// Opener opens a handle on one database, closed when t ends (closing it
// earlier is allowed). Each call is as another process opening the same
// database: a second handle is a second orderdash.
type Opener func(t *testing.T) storage.Store

// Fresh makes a new, empty database and returns what opens it.
type Fresh func(t *testing.T) Opener

// Features says what an implementation shares between processes beyond
// the journal.
type Features struct {
	// SharedClaims: claims made by one handle are seen by another
	// (PostgreSQL); SQLite's are per process.
	SharedClaims bool
	// SharedMirror: two handles may sync and write the mirror at once
	// (PostgreSQL: one sync lease per store); SQLite's file has one
	// process.
	SharedMirror bool
	// LateRare, when set, is the implementation's threshold between its
	// two plans for a late view's window (few late orders: the late set
	// sorted; many: the sort's index walked); the late tests run at its
	// value and at 0, so both plans answer.
	LateRare *int
}

type contractTest struct {
	name string
	fn   func(t *testing.T, fresh Fresh)
}

// Run runs every contract test against fresh databases; each test gets
// its own.
func Run(t *testing.T, fresh Fresh, f Features) {
	tests := []contractTest{
		{"ApplyOutcomes", testApplyOutcomes},
		{"AttemptsCountSends", testAttemptsCountSends},
		{"RecordFillsAndSurvivesReopen", testRecordFillsAndSurvivesReopen},
		{"RecordRejects", testRecordRejects},
		{"TransitionsGuarded", testTransitionsGuarded},
		{"JournalFailureStopsTheSend", testJournalFailureStopsTheSend},
		{"ErrorTextIsOneCleanLine", testErrorTextIsOneCleanLine},
		{"CancelledCallerStillRecordsOutcome", testCancelledCallerStillRecordsOutcome},
		{"ChangesOrderAndFilters", testChangesOrderAndFilters},
		{"DropKeepsTheEntry", testDropKeepsTheEntry},
		{"EntryJSON", testEntryJSON},
		{"ReconcileUnknown", testReconcileUnknown},
		{"ReconcileStoreTrouble", testReconcileStoreTrouble},
		{"ReconcileSeveralStores", testReconcileSeveralStores},
		{"ReconcileResendOutcomes", testReconcileResendOutcomes},
		{"ReconcileLeavesInFlightChanges", testReconcileLeavesInFlightChanges},
		{"ReconcileInFlightInAnotherProcess", testReconcileInFlightInAnotherProcess},
		{"ReconcileAfterSenderClosed", testReconcileAfterSenderClosed},
		{"TwoSettlersSettleOnce", testTwoSettlersSettleOnce},
		{"Resend", testResend},
		{"LocalHistory", testLocalHistory},
		{"WithLocalHistory", testWithLocalHistory},
		{"WithLocalHistoryKeepsUnloadedHistory", testWithLocalHistoryKeepsUnloadedHistory},
		{"WithLocalHistoryDatabaseGone", testWithLocalHistoryDatabaseGone},
		{"KornitXSaveReplayAndStatus", testKornitXSaveReplayAndStatus},
		{"KornitXList", testKornitXList},
		{"KornitXSurvivesReopen", testKornitXSurvivesReopen},
		{"KornitXTwoReceivers", testKornitXTwoReceivers},
		{"Claims", testClaims},
		{"Describe", testDescribe},
		{"WindowMatchesReference", testWindowMatchesReference},
		{"WindowPagesThroughEverything", testWindowPagesThroughEverything},
		{"ViewRefusesOtherSorts", testViewRefusesOtherSorts},
		{"MirrorUpsertRules", testMirrorUpsertRules},
		{"SaveSyncIsAtomic", testSaveSyncIsAtomic},
		{"PruneMirrorKeepsOpenOrders", testPruneMirrorKeepsOpenOrders},
		{"MirrorStaleLeastRecentlyCheckedFirst", testMirrorStaleLeastRecentlyCheckedFirst},
		{"MirrorServesDetailsAndConfirmedChanges", testMirrorServesDetailsAndConfirmedChanges},
		{"ConfirmedRowTakesTheStoresTime", testConfirmedRowTakesTheStoresTime},
		{"MirrorFind", testMirrorFind},
		{"CountNew", testCountNew},
		{"MirrorSearchRanks", testMirrorSearchRanks},
		{"LateViewMatchesTiming", func(t *testing.T, fresh Fresh) { testLateViewMatchesTiming(t, fresh, f.LateRare) }},
		{"TallyOfLateView", testTallyOfLateView},
		{"CountNewLate", testCountNewLate},
	}
	if f.SharedClaims {
		tests = append(tests,
			contractTest{"ClaimsAcrossProcesses", testClaimsAcrossProcesses},
			contractTest{"ClaimsSplitAcrossProcesses", testClaimsSplitAcrossProcesses})
	}
	if f.SharedMirror {
		tests = append(tests,
			contractTest{"MirrorSharedNeverOlder", testMirrorSharedNeverOlder},
			contractTest{"SyncLease", testSyncLease})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, fresh)
		})
	}
}
