package cscartsim

// statusDef is one order status as seed 001 lists it.
type statusDef struct {
	letter  string
	name    string // English, from the seed's first table
	german  string // the seed's "Backend-Description"
	color   string
	notify  bool
	settled bool // counts as a final state for generated paths
}

// statusDefs is in the seed's order (P C O F D B I H G N E).
var statusDefs = []statusDef{
	{"P", "Processed", "Bezahlt und bereit zum Versand (P)", "#97cf4d", true, false},
	{"C", "Complete", "Komplett (Versand abgeschlossen)", "#5d9c2a", true, true},
	{"O", "Open", "Offen - Noch nicht bezahlt", "#ff5215", true, false},
	{"F", "Failed", "Fehlgeschlagen", "#ff0000", true, true},
	{"D", "Declined", "Abgelehnt (Storniert vom Händler)", "#c2c2c2", true, true},
	{"B", "Backordered", "Zurückgestellt / Retoure in bearbeitung", "#28abf6", true, false},
	{"I", "Canceled", "Storniert", "#c2c2c2", true, true},
	{"H", "Return complete", "Retourniert", "#8e44ad", true, true},
	{"G", "Return in progress", "Retoure in bearbeitung", "#f39c12", true, false},
	{"N", "Incomplete", "Unvollständig", "#999999", false, false},
	{"E", "Unpaid", "Noch nicht bezahlt", "#e67e22", true, false},
}

// settable reports whether an administrator may set the letter: every seed
// status except N, which "cannot be set by administrator".
func settable(letter string) bool {
	if letter == "N" {
		return false
	}
	for _, s := range statusDefs {
		if s.letter == letter {
			return true
		}
	}
	return false
}
