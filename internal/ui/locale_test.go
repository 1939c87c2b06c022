package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/wfconnect/wfconnect/store"
)

// TestDatesAndNumbersFollowTheLanguage: month names and digit grouping in
// the person's language (dates were English in Swedish and Chinese).
func TestDatesAndNumbersFollowTheLanguage(t *testing.T) {
	d := time.Date(2026, 3, 5, 14, 7, 9, 0, time.Local)
	for _, tc := range []struct{ lang, date, dateTime, number string }{
		{"en", "5 Mar 2026", "5 Mar 2026 14:07:09", "12,345,678"},
		{"sv", "5 mars 2026", "5 mars 2026 14:07:09", "12\u00a0345\u00a0678"},
		{"zh", "2026年3月5日", "2026年3月5日 14:07:09", "12,345,678"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			old := language
			language = func() string { return tc.lang }
			defer func() { language = old }()
			if got := localDate(d); got != tc.date {
				t.Errorf("localDate = %q, want %q", got, tc.date)
			}
			if got := localDateTime(d); got != tc.dateTime {
				t.Errorf("localDateTime = %q, want %q", got, tc.dateTime)
			}
			if got := thousands(12345678); got != tc.number {
				t.Errorf("thousands = %q, want %q", got, tc.number)
			}
			if localDate(time.Time{}) != "" || thousands(7) != "7" {
				t.Error("zero date or a small number")
			}
		})
	}
}

// TestEachLocaleGetsItsTranslation starts a fresh process per locale (Fyne's
// translations are process-wide) and reads a word the way the window does:
// zh_TW, zh_HK and zh_MO get Traditional Chinese, which Fyne alone turned
// into Simplified (issue 20, item 4).
func TestEachLocaleGetsItsTranslation(t *testing.T) {
	if word := os.Getenv("WFCONNECT_LOCALE_PROBE"); word != "" {
		if err := LoadTranslations(); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("probe:%s|%s\n", lang.L(word), localDate(time.Date(2026, 1, 2, 12, 0, 0, 0, time.Local)))
		return
	}
	for locale, want := range map[string]string{
		"zh_TW.UTF-8": "連線|2026年1月2日", "zh_HK.UTF-8": "連線|2026年1月2日", "zh_MO.UTF-8": "連線|2026年1月2日",
		"zh_CN.UTF-8": "连接|2026年1月2日", "zh_SG.UTF-8": "连接|2026年1月2日",
		"sv_SE.UTF-8": "Anslutningar|2 jan. 2026", "en_US.UTF-8": "Connections|2 Jan 2026", "C": "Connections|2 Jan 2026",
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEachLocaleGetsItsTranslation$", "-test.count=1")
		cmd.Env = append(os.Environ(), "WFCONNECT_LOCALE_PROBE=Connections", "LC_ALL="+locale, "LANG="+locale, "LANGUAGE=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", locale, err, out)
		}
		_, got, _ := strings.Cut(string(out), "probe:")
		got, _, _ = strings.Cut(got, "\n")
		if got != want {
			t.Errorf("%s: the window reads %q, want %q", locale, got, want)
		}
	}
}

// TestStoreErrorsSpeakTheLocale: what the app says of a damaged profiles
// file, and of one a newer wfconnect wrote, reads in the person's language
// (a subprocess per locale, as the app starts).
func TestStoreErrorsSpeakTheLocale(t *testing.T) {
	if os.Getenv("WFCONNECT_STORE_PROBE") != "" {
		if err := LoadTranslations(); err != nil {
			t.Fatal(err)
		}
		for _, content := range []string{`{"schema":1,"profiles":[`, `{"schema":99,"profiles":[]}`} {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "profiles.json"), []byte(content), 0o600)
			_, err := store.OpenProfiles(dir).Load()
			fmt.Printf("probe:%s\n", ErrorText(err))
		}
		return
	}
	for locale, want := range map[string][]string{
		"sv_SE.UTF-8": {"Din profilfil var skadad", "skrevs av en nyare version av wfconnect"},
		"zh_CN.UTF-8": {"您的配置文件已损坏", "由更新版本的 wfconnect 写入"},
		"zh_TW.UTF-8": {"您的設定檔已損毀", "由較新版本的 wfconnect 寫入"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStoreErrorsSpeakTheLocale$", "-test.count=1")
		cmd.Env = append(os.Environ(), "WFCONNECT_STORE_PROBE=1", "LC_ALL="+locale, "LANG="+locale, "LANGUAGE=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", locale, err, out)
		}
		for _, w := range want {
			if !strings.Contains(string(out), "probe:") || !strings.Contains(string(out), w) {
				t.Errorf("%s: the app does not say %q:\n%s", locale, w, out)
			}
		}
	}
}
