package signup

import "testing"

func TestValidate(t *testing.T) {
	if err := Validate(Form{Email: "ada@example.org", Password: "correct horse"}); err != nil {
		t.Fatal(err)
	}
	if Validate(Form{Email: "ada", Password: "correct horse"}) == nil {
		t.Error("an email without @ passed")
	}
}

func TestUnicodePassword(t *testing.T) {
	if err := Validate(Form{Email: "ada@example.org", Password: "pässwörd"}); err != nil {
		t.Fatal(err)
	}
}

func TestGolden(t *testing.T) {
	// testdata/golden.txt lists one "email|password|want" per line.
	checkGolden(t, "testdata/golden.txt")
}
