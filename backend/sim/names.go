package sim

// name is a given or family name in its own script, with the ASCII form a
// person of that name would likely use in an e-mail address.
type name struct{ native, ascii string }

// culture is a pool of names and the countries its people most often live in.
type culture struct {
	first, last []name
	countries   []string
	weight      int
}

func n(native, ascii string) name { return name{native, ascii} }

// l is a name already in ASCII.
func l(s string) name { return name{s, s} }

var cultures = []culture{
	{ // English
		first:     []name{l("James"), l("Mary"), l("Olivia"), l("Liam"), l("Noah"), l("Emma"), l("Ava"), l("Ethan"), l("Grace"), l("Harper"), l("Jack"), l("Amelia")},
		last:      []name{l("Smith"), l("Johnson"), l("Williams"), l("Brown"), l("Taylor"), n("O'Brien", "obrien"), l("Davies"), l("Evans"), l("Walker"), l("Wright"), l("Robinson"), l("MacDonald")},
		countries: []string{"US", "US", "US", "GB", "GB", "CA", "IE"},
		weight:    22,
	},
	{ // German-speaking
		first:     []name{l("Lukas"), l("Anna"), n("Jürgen", "juergen"), l("Sophie"), l("Maximilian"), l("Lea"), n("Jörg", "joerg"), n("Käthe", "kaethe"), l("Felix"), l("Hannah"), l("Lena"), l("Tobias")},
		last:      []name{n("Müller", "mueller"), l("Schmidt"), l("Schneider"), l("Fischer"), n("Weiß", "weiss"), n("Groß", "gross"), l("Becker"), l("Hoffmann"), n("Schäfer", "schaefer"), l("Wagner"), n("Köhler", "koehler"), l("Huber"), l("Gruber"), n("Wolfeschlegelsteinhausenbergerdorff", "wolfeschlegel")},
		countries: []string{"DE", "DE", "DE", "AT", "AT", "CH"},
		weight:    24,
	},
	{ // French
		first:     []name{n("Chloé", "chloe"), n("Léa", "lea"), n("Hélène", "helene"), n("François", "francois"), n("Théo", "theo"), n("Amélie", "amelie"), l("Jean-Luc"), n("Noël", "noel"), l("Camille"), l("Louis")},
		last:      []name{l("Dubois"), n("Lefèvre", "lefevre"), l("Girard"), l("Moreau"), n("Bérenger", "berenger"), l("Fontaine"), l("Mercier"), l("de la Croix")},
		countries: []string{"FR", "FR", "FR", "CH", "CA"},
		weight:    8,
	},
	{ // Dutch
		first:     []name{l("Daan"), l("Sanne"), l("Bram"), l("Fleur"), l("Lieke"), l("Sem"), l("Joost"), l("Femke")},
		last:      []name{l("de Vries"), l("van den Berg"), l("Jansen"), l("Bakker"), l("van Dijk"), l("Visser"), l("de Jong"), l("Smit")},
		countries: []string{"NL", "NL", "NL", "DE"},
		weight:    7,
	},
	{ // Spanish and Italian
		first:     []name{n("José", "jose"), n("María", "maria"), n("Lucía", "lucia"), n("Álvaro", "alvaro"), n("Sofía", "sofia"), n("Íñigo", "inigo"), l("Giulia"), l("Lorenzo"), l("Francesca"), n("Niccolò", "niccolo")},
		last:      []name{n("García", "garcia"), n("Fernández", "fernandez"), n("López", "lopez"), n("Muñoz", "munoz"), n("Peña", "pena"), l("Rossi"), l("Esposito"), l("Bianchi"), l("Romano")},
		countries: []string{"ES", "ES", "IT", "IT", "US", "DE"},
		weight:    7,
	},
	{ // Polish and Czech
		first:     []name{n("Łukasz", "lukasz"), l("Zofia"), l("Wojciech"), n("Małgorzata", "malgorzata"), l("Jakub"), n("Tereza", "tereza")},
		last:      []name{n("Dvořák", "dvorak"), l("Nowak"), l("Kowalski"), n("Wiśniewska", "wisniewska"), n("Čapek", "capek"), n("Šťastná", "stastna")},
		countries: []string{"PL", "PL", "DE", "AT", "GB"},
		weight:    5,
	},
	{ // Nordic
		first:     []name{n("Søren", "soren"), n("Åsa", "asa"), n("Bjørn", "bjorn"), l("Ingrid"), l("Linnea"), l("Erik")},
		last:      []name{n("Ångström", "angstrom"), n("Østergaard", "ostergaard"), l("Nilsson"), n("Sørensen", "sorensen"), l("Lindqvist"), l("Berg")},
		countries: []string{"SE", "SE", "DE", "GB"},
		weight:    4,
	},
	{ // Turkish
		first:     []name{n("Ayşe", "ayse"), l("Mehmet"), l("Emine"), n("Çağrı", "cagri"), l("Elif"), l("Can")},
		last:      []name{n("Yılmaz", "yilmaz"), n("Öztürk", "ozturk"), l("Demir"), n("Şahin", "sahin"), l("Kaya"), n("Çelik", "celik")},
		countries: []string{"DE", "DE", "AT", "NL"},
		weight:    5,
	},
	{ // Chinese
		first:     []name{n("伟", "wei"), n("芳", "fang"), n("静", "jing"), n("磊", "lei"), n("秀英", "xiuying"), n("子涵", "zihan")},
		last:      []name{n("王", "wang"), n("李", "li"), n("张", "zhang"), n("刘", "liu"), n("陈", "chen")},
		countries: []string{"US", "CA", "GB", "DE"},
		weight:    4,
	},
	{ // Japanese
		first:     []name{n("花子", "hanako"), n("翔太", "shota"), n("さくら", "sakura"), n("陽向", "hinata")},
		last:      []name{n("佐藤", "sato"), n("鈴木", "suzuki"), n("高橋", "takahashi"), n("田中", "tanaka")},
		countries: []string{"US", "DE", "FR"},
		weight:    2,
	},
	{ // Korean
		first:     []name{n("민준", "minjun"), n("서연", "seoyeon"), n("지호", "jiho")},
		last:      []name{n("김", "kim"), n("이", "lee"), n("박", "park")},
		countries: []string{"US", "CA", "DE"},
		weight:    2,
	},
	{ // Arabic (right to left)
		first:     []name{n("محمد", "mohammed"), n("فاطمة", "fatima"), n("ليلى", "layla"), n("عمر", "omar"), n("يوسف", "youssef")},
		last:      []name{n("العلي", "alali"), n("حداد", "haddad"), n("الخطيب", "alkhatib"), n("منصور", "mansour")},
		countries: []string{"DE", "FR", "GB", "NL", "US"},
		weight:    3,
	},
	{ // Hebrew (right to left)
		first:     []name{n("נועה", "noa"), n("דוד", "david"), n("מיכל", "michal"), n("יונתן", "yonatan")},
		last:      []name{n("כהן", "cohen"), n("לוי", "levi"), n("מזרחי", "mizrahi"), n("פרץ", "peretz")},
		countries: []string{"US", "DE", "GB"},
		weight:    2,
	},
	{ // Indian
		first:     []name{l("Priya"), l("Arjun"), l("Aarav"), l("Ananya"), l("Rohan")},
		last:      []name{l("Sharma"), l("Patel"), l("Iyer"), l("Gupta"), l("Reddy")},
		countries: []string{"GB", "US", "CA", "DE"},
		weight:    4,
	},
	{ // Vietnamese
		first:     []name{n("Thảo", "thao"), l("Minh"), n("Quỳnh", "quynh"), n("Đức", "duc")},
		last:      []name{n("Nguyễn", "nguyen"), n("Trần", "tran"), n("Phạm", "pham")},
		countries: []string{"US", "FR", "DE"},
		weight:    2,
	},
	{ // Greek and Russian (non-Latin scripts)
		first:     []name{n("Γιώργος", "giorgos"), n("Ελένη", "eleni"), n("Анна", "anna"), n("Дмитрий", "dmitry")},
		last:      []name{n("Παπαδόπουλος", "papadopoulos"), n("Ιωάννου", "ioannou"), n("Иванова", "ivanova"), n("Смирнов", "smirnov")},
		countries: []string{"DE", "GB", "AT"},
		weight:    2,
	},
}

// Index of cultures the generator places at fixed, visible positions so a
// small demo still shows every script.
const (
	cultureChinese = 8
	cultureArabic  = 11
	cultureHebrew  = 12
	cultureFrench  = 2
)

var emailDomains = []string{"example.com", "example.org", "example.net", "mail.example", "post.example", "web.example"}

var notes = []string{
	"Please leave at the back door.",
	"Bitte beim Nachbarn abgeben, falls niemand da ist.",
	"Gift — please don't include the invoice 🎁",
	"Klingel defekt, bitte anrufen.",
	"Livraison après 18h s'il vous plaît.",
	"Can you ship before Friday? It's a birthday present 🎂🎉",
	"請放在管理室，謝謝",
	"الرجاء الاتصال قبل التوصيل",
	"נא להשאיר ליד הדלת",
	"置き配希望です。",
	"Graag bezorgen bij de buren op nr. 12",
	"Wrong size last time, please double-check!!",
	"Gift wrap:\n- the mug in blue paper\n- the poster rolled, not folded",
	"Ref:\tPO-2291\tcost centre 4410",
	"Lieferung bitte NICHT vor 10 Uhr 🙏",
	"Call me \x1b[31mASAP\x1b[0m if anything is missing",
	"   ",
}

// longNote is one customer's life story; it tests wrapping and truncation.
const longNote = "Hello! I am writing this long note because the last three parcels went astray. " +
	"The building has two entrances: the one on the street side is locked after 6 pm, and the courier " +
	"always tries that one. Please use the courtyard gate (code 4711, then the green door on the left, " +
	"third floor, name on the bell is spelled differently because my partner rented the flat first). " +
	"If nobody answers, the bakery downstairs (Bäckerei Sonnenschein) has kindly agreed to accept " +
	"parcels for us — they open at 6:30 and close at 18:00 except on Wednesdays, when they close at noon. " +
	"Please do not leave the parcel in front of the door: the neighbour's dog chews cardboard 🐕. " +
	"Also, the phone case is a present for my daughter's birthday on the 14th, so if it cannot arrive " +
	"before then, please tell me and I will pick it up myself. The invoice should go to my company " +
	"address (see billing) but the parcel must come here. Thank you so much for your patience, and " +
	"sorry for the long message! Viele Grüße, merci beaucoup, ありがとう, شكرا, תודה. " +
	"P.S. The last courier left a card saying 'recipient unknown' although my name has been on the " +
	"letterbox for four years; maybe write both surnames on the label. P.P.S. Friday afternoons are " +
	"best. P.P.P.S. If the poster tube does not fit through the gate, it can be left with the bakery too."
