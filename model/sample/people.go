package sample

// The vocabulary that sample people and companies are drawn from. Every value is plain
// text without commas or quotes, so the CSV writer never needs to quote a field.

// culture is a naming tradition: given names, family names, and the places where
// people with such names most often work.
type culture struct {
	first  []string
	last   []string
	places []place
}

// place is a country with a few business cities, its phone prefix and web domain.
type place struct {
	country string
	cities  []string
	phone   string // "+44"
	tld     string // "co.uk"
}

var (
	usa       = place{"United States", []string{"New York", "Chicago", "Austin", "Seattle", "Atlanta", "Denver", "Boston"}, "+1", "com"}
	uk        = place{"United Kingdom", []string{"London", "Manchester", "Leeds", "Bristol", "Edinburgh"}, "+44", "co.uk"}
	canada    = place{"Canada", []string{"Toronto", "Vancouver", "Montreal", "Calgary"}, "+1", "ca"}
	australia = place{"Australia", []string{"Sydney", "Melbourne", "Brisbane", "Perth"}, "+61", "com.au"}
	ireland   = place{"Ireland", []string{"Dublin", "Cork", "Galway"}, "+353", "ie"}
	germany   = place{"Germany", []string{"Berlin", "Hamburg", "Munich", "Frankfurt", "Cologne", "Stuttgart"}, "+49", "de"}
	austria   = place{"Austria", []string{"Vienna", "Graz", "Linz"}, "+43", "at"}
	france    = place{"France", []string{"Paris", "Lyon", "Lille", "Toulouse", "Nantes"}, "+33", "fr"}
	belgium   = place{"Belgium", []string{"Brussels", "Antwerp", "Ghent"}, "+32", "be"}
	spain     = place{"Spain", []string{"Madrid", "Barcelona", "Valencia", "Bilbao"}, "+34", "es"}
	mexico    = place{"Mexico", []string{"Mexico City", "Monterrey", "Guadalajara"}, "+52", "mx"}
	colombia  = place{"Colombia", []string{"Bogota", "Medellin", "Cali"}, "+57", "co"}
	brazil    = place{"Brazil", []string{"Sao Paulo", "Rio de Janeiro", "Curitiba", "Belo Horizonte"}, "+55", "com.br"}
	portugal  = place{"Portugal", []string{"Lisbon", "Porto", "Braga"}, "+351", "pt"}
	italy     = place{"Italy", []string{"Milan", "Turin", "Bologna", "Rome"}, "+39", "it"}
	nether    = place{"Netherlands", []string{"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"}, "+31", "nl"}
	sweden    = place{"Sweden", []string{"Stockholm", "Gothenburg", "Malmo"}, "+46", "se"}
	denmark   = place{"Denmark", []string{"Copenhagen", "Aarhus", "Odense"}, "+45", "dk"}
	norway    = place{"Norway", []string{"Oslo", "Bergen", "Stavanger"}, "+47", "no"}
	finland   = place{"Finland", []string{"Helsinki", "Tampere", "Espoo"}, "+358", "fi"}
	poland    = place{"Poland", []string{"Warsaw", "Krakow", "Wroclaw", "Gdansk"}, "+48", "pl"}
	india     = place{"India", []string{"Bengaluru", "Mumbai", "Pune", "Hyderabad", "Chennai"}, "+91", "in"}
	singapore = place{"Singapore", []string{"Singapore"}, "+65", "com.sg"}
	japan     = place{"Japan", []string{"Tokyo", "Osaka", "Nagoya", "Fukuoka"}, "+81", "co.jp"}
	korea     = place{"South Korea", []string{"Seoul", "Busan", "Incheon"}, "+82", "co.kr"}
	nigeria   = place{"Nigeria", []string{"Lagos", "Abuja", "Port Harcourt"}, "+234", "com.ng"}
	kenya     = place{"Kenya", []string{"Nairobi", "Mombasa"}, "+254", "co.ke"}
	uae       = place{"United Arab Emirates", []string{"Dubai", "Abu Dhabi"}, "+971", "ae"}
	egypt     = place{"Egypt", []string{"Cairo", "Alexandria"}, "+20", "com.eg"}
	turkey    = place{"Turkey", []string{"Istanbul", "Ankara", "Izmir"}, "+90", "com.tr"}
)

// cultures are weighted by how often the sample company meets them; see cultureWeights.
var cultures = []culture{
	{ // English-speaking
		first:  []string{"James", "Emily", "Michael", "Sarah", "David", "Jessica", "Ryan", "Hannah", "Chris", "Megan", "Daniel", "Olivia", "Matthew", "Rachel", "Andrew", "Grace", "Tyler", "Lauren", "Connor", "Chloe", "Liam", "Siobhan", "Aiden", "Kate"},
		last:   []string{"Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thompson", "Walker", "Harris", "Clarke", "Wright", "Hughes", "Murphy", "O'Brien", "Kelly", "Campbell", "Robinson", "Bennett", "Foster", "Reid", "Gallagher"},
		places: []place{usa, usa, usa, uk, uk, canada, australia, ireland},
	},
	{ // German-speaking
		first:  []string{"Lukas", "Anna", "Jonas", "Lena", "Felix", "Laura", "Maximilian", "Katharina", "Tobias", "Julia", "Florian", "Sabine", "Stefan", "Jana", "Matthias", "Miriam"},
		last:   []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Neumann"},
		places: []place{germany, germany, germany, austria},
	},
	{ // French-speaking
		first:  []string{"Camille", "Louis", "Léa", "Hugo", "Chloé", "Julien", "Manon", "Antoine", "Élodie", "Nicolas", "Claire", "Mathieu", "Inès", "Théo"},
		last:   []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Lefèvre", "Girard", "Fontaine", "Rousseau"},
		places: []place{france, france, belgium},
	},
	{ // Spanish-speaking
		first:  []string{"Alejandro", "Lucía", "Javier", "Sofía", "Carlos", "María", "Diego", "Valentina", "Andrés", "Camila", "Mateo", "Isabel", "Pablo", "Daniela"},
		last:   []string{"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz", "Torres", "Ramírez", "Vargas", "Castillo"},
		places: []place{spain, spain, mexico, mexico, colombia},
	},
	{ // Portuguese-speaking
		first:  []string{"João", "Ana", "Pedro", "Beatriz", "Lucas", "Mariana", "Gabriel", "Juliana", "Rafael", "Fernanda", "Thiago", "Larissa"},
		last:   []string{"Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Ferreira", "Carvalho", "Ribeiro", "Barbosa", "Rocha"},
		places: []place{brazil, brazil, portugal},
	},
	{ // Italian
		first:  []string{"Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Martina", "Davide", "Sara", "Matteo"},
		last:   []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"},
		places: []place{italy},
	},
	{ // Dutch and Nordic
		first:  []string{"Daan", "Sanne", "Bram", "Femke", "Erik", "Ingrid", "Lars", "Astrid", "Mikkel", "Freja", "Jukka", "Aino", "Sven", "Maja"},
		last:   []string{"de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Andersson", "Johansson", "Nilsson", "Hansen", "Nielsen", "Larsen", "Virtanen", "Korhonen", "Berg"},
		places: []place{nether, nether, sweden, denmark, norway, finland},
	},
	{ // Polish
		first:  []string{"Jakub", "Zofia", "Kacper", "Aleksandra", "Piotr", "Magdalena", "Tomasz", "Agnieszka"},
		last:   []string{"Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowska", "Zieliński", "Szymańska"},
		places: []place{poland},
	},
	{ // Indian
		first:  []string{"Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Neha", "Arjun", "Kavya", "Rahul", "Divya", "Sanjay", "Meera", "Karthik", "Pooja"},
		last:   []string{"Sharma", "Patel", "Reddy", "Iyer", "Nair", "Gupta", "Singh", "Mehta", "Rao", "Kapoor", "Menon", "Chatterjee", "Desai", "Joshi"},
		places: []place{india, india, india, usa, uk, singapore},
	},
	{ // Chinese
		first:  []string{"Wei", "Mei", "Jun", "Xin", "Hao", "Ling", "Chen", "Yan", "Jia", "Ming"},
		last:   []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Lim", "Tan"},
		places: []place{singapore, singapore, usa, canada, australia},
	},
	{ // Japanese
		first:  []string{"Haruto", "Yui", "Kenji", "Aiko", "Takumi", "Sakura", "Daiki", "Naomi", "Ren", "Emi"},
		last:   []string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"},
		places: []place{japan},
	},
	{ // Korean
		first:  []string{"Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Su-bin", "Hyun-woo", "Ji-woo"},
		last:   []string{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"},
		places: []place{korea},
	},
	{ // West and East African
		first:  []string{"Chinedu", "Amara", "Oluwaseun", "Ngozi", "Emeka", "Adaeze", "Kwame", "Wanjiru", "Tunde", "Zainab", "Kofi", "Achieng"},
		last:   []string{"Okafor", "Adeyemi", "Eze", "Balogun", "Nwosu", "Mensah", "Kamau", "Otieno", "Ogunleye", "Abubakar", "Mwangi", "Okonkwo"},
		places: []place{nigeria, nigeria, kenya, uk},
	},
	{ // Arabic and Turkish
		first:  []string{"Omar", "Layla", "Youssef", "Fatima", "Karim", "Nour", "Hassan", "Mariam", "Emre", "Elif", "Burak", "Zeynep"},
		last:   []string{"Haddad", "Mansour", "Khalil", "Nasser", "Farouk", "Saleh", "Aziz", "Hamdan", "Yılmaz", "Kaya", "Demir", "Şahin"},
		places: []place{uae, uae, egypt, turkey},
	},
}

// cultureWeights follows cultures: a European and North American customer base with
// buyers from everywhere.
var cultureWeights = []int{30, 10, 7, 8, 5, 4, 7, 3, 9, 4, 3, 2, 4, 4}

// industry is a market the sample company sells into, with the words its companies use.
type industry struct {
	name     string
	suffixes []string
	weight   int
}

var industries = []industry{
	{"Logistics", []string{"Logistics", "Freight", "Shipping", "Transport", "Supply Chain", "Cargo"}, 16},
	{"Manufacturing", []string{"Manufacturing", "Industries", "Components", "Precision", "Works", "Plastics"}, 15},
	{"Retail", []string{"Retail", "Stores", "Outfitters", "Market", "Home"}, 10},
	{"Healthcare", []string{"Health", "Clinics", "Medical", "Care", "Diagnostics"}, 9},
	{"Food and beverage", []string{"Foods", "Provisions", "Beverages", "Bakeries", "Farms"}, 8},
	{"Wholesale distribution", []string{"Distribution", "Supply", "Wholesale", "Trading"}, 8},
	{"Software", []string{"Software", "Labs", "Systems", "Cloud", "Digital"}, 7},
	{"Financial services", []string{"Capital", "Finance", "Partners", "Insurance"}, 6},
	{"Energy", []string{"Energy", "Power", "Renewables", "Utilities"}, 5},
	{"Construction", []string{"Construction", "Builders", "Engineering", "Materials"}, 5},
	{"Professional services", []string{"Consulting", "Advisory", "Group", "Associates"}, 5},
	{"Education", []string{"Academy", "Learning", "College", "Institute"}, 3},
	{"Telecommunications", []string{"Telecom", "Networks", "Connect", "Fibre"}, 3},
}

// companyStems are the first words of generated company names ("Bluefin Logistics").
var companyStems = []string{
	"Bluefin", "Kestrel", "Northgate", "Ironwood", "Silverline", "Harbor", "Cobalt", "Granite",
	"Summit", "Meridian", "Lumen", "Atlas", "Beacon", "Cedar", "Falcon", "Juniper", "Orchid",
	"Quarry", "Redwood", "Sable", "Tidewater", "Vantage", "Willow", "Zephyr", "Aurora",
	"Brightwater", "Copperleaf", "Driftwood", "Evergreen", "Foxglove", "Greystone", "Highland",
	"Keystone", "Lakeside", "Maple", "Northstar", "Oakridge", "Pinecrest", "Riverbend", "Saltmarsh",
	"Stonebridge", "Trident", "Upland", "Westbrook", "Windmill", "Alder", "Basalt", "Corvid",
	"Dunmore", "Ember", "Fjord", "Glacier", "Heron", "Indigo", "Jasper", "Kinfolk", "Larkspur",
	"Mistral", "Nimbus", "Osprey", "Pelican", "Quill", "Raven", "Sequoia", "Tamarack", "Umber",
	"Verdant", "Wren", "Yarrow", "Zenith", "Arbor", "Bramble", "Crescent", "Delta", "Eastwind",
	"Fernhill", "Goldcrest", "Hawthorn", "Ivory", "Kingfisher", "Lodestar", "Magpie", "Norland",
	"Oxbow", "Polaris", "Rockwell", "Seabright", "Thistle", "Vireo", "Wolfram", "Ashford",
	"Blackwood", "Clearwater", "Dovetail", "Elmstead", "Firefly", "Gannet", "Hollow Oak",
}

// legalForms are company-name endings by country, used now and then.
var legalForms = map[string]string{
	"United States": "Inc", "United Kingdom": "Ltd", "Germany": "GmbH", "Austria": "GmbH",
	"France": "SAS", "Spain": "SL", "Netherlands": "BV", "Brazil": "Ltda", "Italy": "SpA",
	"Sweden": "AB", "Poland": "Sp. z o.o.", "Japan": "KK", "India": "Pvt Ltd",
}

// sizeBands are head-count ranges with how often each appears among leads.
var sizeBands = []struct {
	lo, hi, weight int
}{
	{5, 49, 12}, {50, 199, 24}, {200, 999, 32}, {1000, 4999, 22}, {5000, 40000, 10},
}

// personaTitles are the job titles that make a lead look like each persona; titles
// outside every persona are in otherTitles.
var personaTitles = map[string][]string{
	"ops-olga":       {"VP Operations", "Director of Operations", "Head of Operations", "COO", "Operations Director", "Chief Operating Officer", "VP of Operations"},
	"it-ivan":        {"IT Manager", "Head of IT", "IT Director", "CIO", "Infrastructure Lead", "IT Security Manager", "CTO"},
	"finance-fiona":  {"CFO", "Finance Director", "Head of Finance", "Financial Controller", "VP Finance"},
	"champion-chris": {"Analytics Manager", "Business Intelligence Lead", "Operational Excellence Manager", "Continuous Improvement Manager", "Data Team Lead", "Revenue Operations Manager"},
	"user-uma":       {"Operations Analyst", "Data Analyst", "Business Analyst", "Supply Chain Analyst", "Logistics Coordinator", "Planning Specialist"},
}

// personaOrder fixes the order personas are drawn in, so maps never decide it.
var personaOrder = []string{"ops-olga", "it-ivan", "finance-fiona", "champion-chris", "user-uma"}

// personaWeights follows personaOrder.
var personaWeights = []int{26, 16, 12, 20, 26}

// otherTitles match no persona rule: the people who fill in forms but do not buy.
var otherTitles = []string{"Student", "Founder", "Recruiter", "Journalist", "Teacher", "Freelancer", "Owner", "Marketing Executive"}

// sources are where leads come from, with how often.
var sources = []struct {
	name   string
	weight int
}{
	{"webinar", 15}, {"organic search", 24}, {"paid search", 18}, {"referral", 8},
	{"event", 10}, {"content download", 15}, {"outbound", 10},
}
