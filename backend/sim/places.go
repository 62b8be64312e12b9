package sim

// city is a place orders ship to. Postcode is a pattern: '#' becomes a
// digit, '@' an upper-case letter.
type city struct {
	name, region, regionName, postcode string
}

// country holds what is needed to write a plausible address there.
type country struct {
	code, name, currency string
	cities               []city
	streets              []string
	numberFirst          bool // "12 Main St" rather than "Hauptstraße 12"
	line2                []string
	phone                string // pattern: '#' becomes a digit
	taxBP                int    // VAT or sales tax in basis points
}

var countries = []country{
	{code: "US", name: "United States", currency: "USD", numberFirst: true, taxBP: 725,
		cities: []city{
			{"New York", "NY", "New York", "100##"}, {"Salt Lake City", "UT", "Utah", "841##"},
			{"Austin", "TX", "Texas", "787##"}, {"Seattle", "WA", "Washington", "981##"},
			{"Chicago", "IL", "Illinois", "606##"}, {"Portland", "OR", "Oregon", "972##"},
			{"Boston", "MA", "Massachusetts", "021##"},
		},
		streets: []string{"Main St", "Broadway", "Elm Street", "W Broadway", "Maple Ave", "Sunset Blvd", "Pine St", "Martin Luther King Jr Blvd"},
		line2:   []string{"Apt 4B", "Ste 701", "Unit 12", "Floor 3"},
		phone:   "2##-555-01##"},
	{code: "CA", name: "Canada", currency: "CAD", numberFirst: true, taxBP: 1300,
		cities: []city{
			{"Toronto", "ON", "Ontario", "M5V #@#"}, {"Montréal", "QC", "Québec", "H2X #@#"},
			{"Vancouver", "BC", "British Columbia", "V6B #@#"},
		},
		streets: []string{"Queen St W", "Rue Sainte-Catherine", "Granville St", "Yonge St"},
		line2:   []string{"Apt 1203", "Suite 400"},
		phone:   "+1 416-555-01##"},
	{code: "DE", name: "Germany", currency: "EUR", taxBP: 1900,
		cities: []city{
			{"Berlin", "BE", "Berlin", "10###"}, {"München", "BY", "Bayern", "80###"},
			{"Hamburg", "HH", "Hamburg", "20###"}, {"Köln", "NW", "Nordrhein-Westfalen", "50###"},
			{"Leipzig", "SN", "Sachsen", "04###"}, {"Frankfurt am Main", "HE", "Hessen", "60###"},
		},
		streets: []string{"Hauptstraße", "Bahnhofstraße", "Schloßallee", "Kastanienallee", "Am Weißen Steg", "Königsallee", "Ludwig-Erhard-Straße"},
		line2:   []string{"2. OG links", "Hinterhaus", "c/o Firma Beispiel GmbH", "Wohnung 7"},
		phone:   "+49 30 9018####"},
	{code: "GB", name: "United Kingdom", currency: "GBP", numberFirst: true, taxBP: 2000,
		cities: []city{
			{"London", "ENG", "England", "SW1A #@@"}, {"London", "ENG", "England", "EC1A #@@"},
			{"Manchester", "ENG", "England", "M# #@@"}, {"Edinburgh", "SCT", "Scotland", "EH# #@@"},
			{"Cardiff", "WLS", "Wales", "CF10 #@@"}, {"Belfast", "NIR", "Northern Ireland", "BT# #@@"},
		},
		streets: []string{"High Street", "Baker Street", "Station Road", "Church Lane", "Victoria Road", "Princes Street"},
		line2:   []string{"Flat 3", "Flat 2A", "The Old Rectory"},
		phone:   "+44 7700 900###"},
	{code: "IE", name: "Ireland", currency: "EUR", numberFirst: true, taxBP: 2300,
		cities:  []city{{"Dublin", "D", "County Dublin", "D02 @#@#"}, {"Cork", "CO", "County Cork", "T12 @#@#"}},
		streets: []string{"Grafton Street", "O'Connell Street", "Patrick Street"},
		phone:   "+353 85 ### ####"},
	{code: "FR", name: "France", currency: "EUR", numberFirst: true, taxBP: 2000,
		cities: []city{
			{"Paris", "IDF", "Île-de-France", "750##"}, {"Lyon", "ARA", "Auvergne-Rhône-Alpes", "6900#"},
			{"Marseille", "PAC", "Provence-Alpes-Côte d'Azur", "130##"}, {"Toulouse", "OCC", "Occitanie", "31000"},
			{"Lille", "HDF", "Hauts-de-France", "59000"},
		},
		streets: []string{"rue de Rivoli", "avenue des Champs-Élysées", "boulevard Saint-Germain", "rue du Faubourg Saint-Antoine", "place Bellecour"},
		line2:   []string{"Bâtiment B", "Appartement 12", "Escalier C, 3e étage"},
		phone:   "+33 6 ## ## ## ##"},
	{code: "NL", name: "Netherlands", currency: "EUR", taxBP: 2100,
		cities: []city{
			{"Amsterdam", "NH", "Noord-Holland", "10## @@"}, {"Rotterdam", "ZH", "Zuid-Holland", "30## @@"},
			{"Utrecht", "UT", "Utrecht", "35## @@"}, {"Groningen", "GR", "Groningen", "97## @@"},
		},
		streets: []string{"Keizersgracht", "Damrak", "Oudegracht", "Coolsingel", "Herestraat"},
		phone:   "+31 6 ########"},
	{code: "AT", name: "Austria", currency: "EUR", taxBP: 2000,
		cities: []city{
			{"Wien", "W", "Wien", "1##0"}, {"Graz", "ST", "Steiermark", "80#0"},
			{"Salzburg", "S", "Salzburg", "5020"}, {"Innsbruck", "T", "Tirol", "6020"},
			{"Linz", "OÖ", "Oberösterreich", "4020"},
		},
		streets: []string{"Mariahilfer Straße", "Getreidegasse", "Herrengasse", "Maria-Theresien-Straße", "Landstraße"},
		line2:   []string{"Stiege 2, Tür 14", "Top 5"},
		phone:   "+43 664 #######"},
	{code: "CH", name: "Switzerland", currency: "CHF", taxBP: 810,
		cities: []city{
			{"Zürich", "ZH", "Zürich", "80##"}, {"Genève", "GE", "Genève", "120#"},
			{"Bern", "BE", "Bern", "30##"}, {"Basel", "BS", "Basel-Stadt", "40##"},
		},
		streets: []string{"Bahnhofstrasse", "Rue du Rhône", "Marktgasse", "Freie Strasse"},
		phone:   "+41 79 ### ## ##"},
	{code: "ES", name: "Spain", currency: "EUR", taxBP: 2100,
		cities: []city{
			{"Madrid", "M", "Comunidad de Madrid", "280##"}, {"Barcelona", "B", "Cataluña", "080##"},
			{"Sevilla", "SE", "Andalucía", "410##"}, {"Valencia", "V", "Comunidad Valenciana", "460##"},
		},
		streets: []string{"Calle de Alcalá", "Carrer de Mallorca", "Gran Vía", "Avenida de la Constitución"},
		line2:   []string{"3º izquierda", "Bajo B"},
		phone:   "+34 6## ### ###"},
	{code: "IT", name: "Italy", currency: "EUR", taxBP: 2200,
		cities: []city{
			{"Roma", "RM", "Lazio", "001##"}, {"Milano", "MI", "Lombardia", "201##"},
			{"Napoli", "NA", "Campania", "801##"}, {"Torino", "TO", "Piemonte", "101##"},
		},
		streets: []string{"Via del Corso", "Via Montenapoleone", "Corso Vittorio Emanuele II", "Via Toledo"},
		phone:   "+39 3## ### ####"},
	{code: "PL", name: "Poland", currency: "PLN", taxBP: 2300,
		cities: []city{
			{"Warszawa", "MZ", "mazowieckie", "00-###"}, {"Kraków", "MA", "małopolskie", "31-###"},
			{"Gdańsk", "PM", "pomorskie", "80-###"}, {"Łódź", "LD", "łódzkie", "90-###"},
		},
		streets: []string{"ul. Marszałkowska", "ul. Floriańska", "ul. Długa", "ul. Piotrkowska"},
		line2:   []string{"m. 14", "lok. 3"},
		phone:   "+48 5## ### ###"},
	{code: "SE", name: "Sweden", currency: "SEK", taxBP: 2500,
		cities: []city{
			{"Stockholm", "AB", "Stockholms län", "111 ##"}, {"Göteborg", "O", "Västra Götalands län", "411 ##"},
			{"Malmö", "M", "Skåne län", "211 ##"},
		},
		streets: []string{"Drottninggatan", "Kungsgatan", "Södra Förstadsgatan"},
		phone:   "+46 70 ### ## ##"},
}

func countryByCode(code string) *country {
	for i := range countries {
		if countries[i].code == code {
			return &countries[i]
		}
	}
	return &countries[0]
}

// product is one catalogue entry; prices are in cents.
type product struct {
	id    int
	sku   string
	name  string
	cents int64
}

var catalogue = []product{
	{1101, "CASE-IP15-BLK", "Phone case iPhone 15 – matte black", 2490},
	{1102, "CASE-IP15P-CLR", "Phone case iPhone 15 Pro – clear", 2490},
	{1103, "CASE-IP16-SGE", "Silicone case iPhone 16 – sage", 2990},
	{1104, "CASE-S24-BLU", "Handyhülle Galaxy S24 – Himmelblau", 2490},
	{1105, "CASE-PX8-MRB", "Phone case Pixel 8 – marble", 2790},
	{1106, "CASE-IP13-FLR", "Handyhülle iPhone 13 „Blumenwiese“", 2290},
	{1201, "GLASS-IP15", "Screen protector, tempered glass (2-pack)", 1490},
	{1202, "WALLET-MAG-COG", "MagSafe wallet – cognac leather", 3990},
	{1203, "CABLE-USBC-2M", "USB-C Kabel 2 m, geflochten", 1299},
	{1204, "CHARGER-20W", "Ladegerät 20 W USB-C", 1999},
	{1205, "STRAP-CROSS-OLV", "Crossbody phone strap – olive", 1990},
	{1301, "MUG-MONDAY", "Mug \"Monday again\"", 1490},
	{1302, "MUG-KAFFEE", "Tasse „Erst mal Kaffee“ ☕", 1490},
	{1303, "MUG-ENAMEL-W", "Enamel camping mug – white", 1790},
	{1401, "TEE-ORG-NVY-M", "T-shirt organic cotton – navy (M)", 2900},
	{1402, "TEE-ORG-WHT-L", "T-shirt organic cotton – white (L)", 2900},
	{1403, "HOOD-GRY-XL", "Hoodie – heather grey (XL)", 5900},
	{1501, "POSTER-A2-ALPS", "Poster A2 – Alpenpanorama", 2490},
	{1502, "POSTER-A3-CITY", "Poster A3 – Paris by night", 1890},
	{1503, "PRINT-A4-KOI", "Art print A4 – 鯉 koi", 1590},
	{1601, "STICKER-PACK-8", "Sticker pack „Bergfreunde“ (8 pcs)", 599},
	{1602, "PIN-OCTO", "Enamel pin 🐙 octopus", 899},
	{1603, "CARD-BDAY", "Greeting card – joyeux anniversaire", 399},
	{1701, "CANDLE-CREME", "Crème brûlée scented candle", 1890},
	{1702, "TOTE-CAFE", "Tote bag – café au lait", 1590},
	{1703, "NOTE-A5-DOT", "Notebook A5 dotted, 120 pages", 1290},
	{1704, "BOTTLE-750-STL", "Insulated bottle 750 ml – steel", 2990},
	{1705, "UMBRELLA-XL", "Storm umbrella XL", 3490},
	{1801, "GIFT-WRAP", "Gift wrapping", 350},
	{1802, "GIFTCARD-50", "Gift card 50.00", 5000},
	{1901, "LAMP-DESK-OAK", "Desk lamp, oak and linen", 8990},
	{1902, "KEYB-TKL-BRN", "Mechanical keyboard TKL (brown switches)", 11900},
}

var shipMethods = map[string][]string{
	"US": {"USPS Priority Mail", "UPS Ground", "flat rate", "FedEx 2Day"},
	"CA": {"Canada Post Expedited", "UPS Standard"},
	"GB": {"Royal Mail Tracked 48", "DPD Next Day", "Evri Standard"},
	"":   {"DHL Paket", "DPD Classic", "UPS Standard", "GLS Business Parcel", "DHL Express"},
}

var payments = []string{"Credit Card", "Credit Card", "PayPal", "PayPal", "Klarna", "Bank transfer", "SEPA direct debit", "Check", "Apple Pay"}

var companies = []string{"Beispiel GmbH", "Acme Widgets Ltd", "Café Zürich AG", "Studio Nord", "Müller & Söhne KG", "Initech LLC", "Les Ateliers Réunis SARL"}
