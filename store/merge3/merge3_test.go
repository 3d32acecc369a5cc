package merge3

import "testing"

func TestMerge(t *testing.T) {
	base := "Met at the L&L\nLikes Go\nHas two kids"
	tests := []struct {
		name, a, b, want string
		conflict         bool
	}{
		{"only a changed", "Met at the Lunch-and-Learn\nLikes Go\nHas two kids", base, "Met at the Lunch-and-Learn\nLikes Go\nHas two kids", false},
		{"only b changed", base, "Met at the L&L\nLikes Go\nHas three kids", "Met at the L&L\nLikes Go\nHas three kids", false},
		{"both, apart", "Met at the Lunch-and-Learn\nLikes Go\nHas two kids", "Met at the L&L\nLikes Go\nHas three kids", "Met at the Lunch-and-Learn\nLikes Go\nHas three kids", false},
		{"both, same edit", "Met at the L&L\nLikes Rust\nHas two kids", "Met at the L&L\nLikes Rust\nHas two kids", "Met at the L&L\nLikes Rust\nHas two kids", false},
		{"appends on both", base + "\nA", base + "\nB", base + "\n" + MarkStart + "\nA\n" + MarkMid + "\nB\n" + MarkEnd, true},
		{"overlap", "Met at the L&L\nLikes Rust\nHas two kids", "Met at the L&L\nLikes Zig\nHas two kids", "Met at the L&L\n" + MarkStart + "\nLikes Rust\n" + MarkMid + "\nLikes Zig\n" + MarkEnd + "\nHas two kids", true},
		{"a deletes, b edits elsewhere", "Likes Go\nHas two kids", "Met at the L&L\nLikes Go\nHas 2 kids", "Likes Go\nHas 2 kids", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, c := Merge(base, tt.a, tt.b)
			if got != tt.want || c != tt.conflict {
				t.Errorf("Merge:\n%s\n(conflict %v)\nwant:\n%s\n(conflict %v)", got, c, tt.want, tt.conflict)
			}
		})
	}
}

func TestMergeNoBase(t *testing.T) {
	got, c := Merge("", "one", "two")
	if !c || got != MarkStart+"\none\n"+MarkMid+"\ntwo\n"+MarkEnd {
		t.Errorf("got %q %v", got, c)
	}
}
