package sample

import "align/model"

// WorkspaceName is the sample company's name, shown in the title bar of `align demo`.
const WorkspaceName = "Northwind Analytics"

// The sample team. Names are single first names, as a small team calls each other,
// so notes can mention them as @Maya and commands can say `--to Kenji`.
var (
	maya   = model.Member{Name: "Maya", Role: model.RoleMarketing}
	tomas  = model.Member{Name: "Tomas", Role: model.RoleMarketing}
	priya  = model.Member{Name: "Priya", Role: model.RoleSDR}
	diego  = model.Member{Name: "Diego", Role: model.RoleSDR}
	kenji  = model.Member{Name: "Kenji", Role: model.RoleAE}
	sofia  = model.Member{Name: "Sofia", Role: model.RoleLeadership}
	amara  = model.Member{Name: "Amara", Role: model.RoleAdmin}
	oliver = model.Member{Name: "Oliver", Role: model.RoleViewer}
)

// team lists the members in the order the Team screen shows them: marketing, sales,
// leadership, then the rest. Keys are left empty: an operator adds real ones.
func team() []model.Member {
	return []model.Member{maya, tomas, priya, diego, kenji, sofia, amara, oliver}
}

// sdrs are the members who work the MQL inbox every morning.
var sdrs = []model.Member{priya, diego}

// marketers are the members who mark MQLs and dispute rejections.
var marketers = []model.Member{maya, tomas}

// settings are the sample workspace's name and the default SLA targets.
func settings() model.Settings {
	return model.Settings{Name: WorkspaceName, SLA: model.DefaultSLA()}
}
