package kornitxsim

// podProduct is a blank a print-on-demand fulfiller prints on.
type podProduct struct {
	code     string // SKU stem
	name     string
	variants []string // size or format; "" when there is only one
	colours  []string
	cents    int64
	artworks int // print areas: one PDF each
}

var podProducts = []podProduct{
	{code: "TS-CLASSIC", name: "Classic T-Shirt", variants: []string{"S", "M", "L", "XL", "2XL"}, colours: []string{"Black", "White", "Navy", "Heather Grey"}, cents: 1999, artworks: 1},
	{code: "TS-KIDS", name: "Kids T-Shirt", variants: []string{"3-4Y", "5-6Y", "7-8Y", "9-11Y"}, colours: []string{"White", "Sky Blue", "Pink"}, cents: 1499, artworks: 1},
	{code: "HD-HEAVY", name: "Heavyweight Hoodie", variants: []string{"S", "M", "L", "XL"}, colours: []string{"Black", "Forest Green", "Sand"}, cents: 4499, artworks: 2},
	{code: "MUG-11", name: "Ceramic Mug 11oz", colours: []string{"White"}, cents: 1299, artworks: 1},
	{code: "MUG-15", name: "Ceramic Mug 15oz", colours: []string{"White", "Black"}, cents: 1499, artworks: 1},
	{code: "PST-MATTE", name: "Matte Poster", variants: []string{"A3", "A2", "50x70cm"}, cents: 1899, artworks: 1},
	{code: "CNV-FRAMED", name: "Framed Canvas", variants: []string{"30x40cm", "40x60cm"}, cents: 5499, artworks: 1},
	{code: "TOTE", name: "Canvas Tote Bag", colours: []string{"Natural", "Black"}, cents: 1599, artworks: 1},
	{code: "CASE-IP15", name: "Phone Case iPhone 15", variants: []string{"Slim", "Tough"}, cents: 2199, artworks: 1},
}

var designs = []struct{ code, name string }{
	{"MTN", "Mountain Sunrise"}, {"CAT", "Retro Cat"}, {"KOI", "Koi Pond"},
	{"BIKE", "Vintage Bicycle"}, {"LLAMA", "Space Llama"}, {"BOT", "Botanical Line Art"},
	{"WAVE", "The Great Wave (remix)"}, {"FOX", "Geometric Fox"},
}

// carriers by destination country; "" is the rest of the world.
var carriers = map[string][]struct{ carrier, method string }{
	"GB": {{"Royal Mail", "Tracked 48"}, {"DPD", "Next Day"}, {"Evri", "Standard"}},
	"US": {{"UPS", "Ground"}, {"USPS", "Priority Mail"}, {"FedEx", "2Day"}},
	"DE": {{"DHL", "Paket"}, {"DPD", "Classic"}},
	"":   {{"DHL", "Express Worldwide"}, {"DPD", "Classic"}, {"Royal Mail", "International Tracked"}},
}
