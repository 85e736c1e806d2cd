package names

import (
	"reflect"
	"testing"
)

// Each Wade–Giles syllable reads as the pinyin syllable of the published
// correspondence; an unmarked stop is also read aspirated (the apostrophe
// lost), an unmarked u after ch and y also as ü.
func TestWadeGilesSyllable(t *testing.T) {
	for _, c := range []struct {
		syl       string
		aspirated bool
		umlaut    bool
		want      []string
	}{
		{"hsi", false, false, []string{"xi"}},
		{"hsiung", false, false, []string{"xiong"}},
		{"hsueh", false, false, []string{"xue"}},
		{"chin", false, false, []string{"jin", "qin"}},
		{"chin", true, false, []string{"qin"}},
		{"chih", false, false, []string{"zhi", "chi"}},
		{"shih", false, false, []string{"shi"}},
		{"jih", false, false, []string{"ri"}},
		{"jen", false, false, []string{"ren"}},
		{"jo", false, false, []string{"ruo"}},
		{"chung", false, false, []string{"zhong", "chong"}},
		{"chiung", false, false, []string{"jiong", "qiong"}},
		{"tung", false, false, []string{"dong", "tong"}},
		{"tse", false, false, []string{"ze", "ce"}},
		{"tzu", false, false, []string{"zi", "ci"}},
		{"tsu", false, false, []string{"zu", "cu"}},
		{"ssu", false, false, []string{"si"}},
		{"kuei", false, false, []string{"gui", "kui"}},
		{"kuo", false, false, []string{"guo", "kuo"}},
		{"ko", false, false, []string{"ge", "ke"}},
		{"ho", false, false, []string{"he"}},
		{"lo", false, false, []string{"luo"}},
		{"po", false, false, []string{"bo", "po"}},
		{"ping", false, false, []string{"bing", "ping"}},
		{"ping", true, false, []string{"ping"}},
		{"tien", false, false, []string{"dian", "tian"}},
		{"lieh", false, false, []string{"lie"}},
		{"erh", false, false, []string{"er"}},
		{"i", false, false, []string{"yi"}},
		{"yeh", false, false, []string{"ye"}},
		{"yen", false, false, []string{"yan"}},
		{"yung", false, false, []string{"yong"}},
		{"yu", false, false, []string{"you", "yu"}},
		{"yu", false, true, []string{"yu"}},
		{"chu", false, false, []string{"zhu", "chu", "ju", "qu"}},
		{"chu", false, true, []string{"ju", "qu"}},
		{"hsun", false, false, []string{"xun"}},
		{"mao", false, false, []string{"mao"}},
		// Not Wade–Giles: pinyin's own letters, Korean and Cantonese
		// syllables, an apostrophe after a letter that has no aspirate.
		{"xi", false, false, nil},
		{"zhou", false, false, nil},
		{"kim", false, false, nil},
		{"shek", false, false, nil},
		{"chol", false, false, nil},
		{"ki", false, false, nil},
		{"tsih", false, false, nil},
		{"hsa", false, false, nil},
		{"ma", true, false, nil},
		{"ku", false, true, nil},
	} {
		if got := wgSyllable(c.syl, c.aspirated, c.umlaut); !reflect.DeepEqual(got, c.want) {
			t.Errorf("wgSyllable(%q, %v, %v) = %q, want %q", c.syl, c.aspirated, c.umlaut, got, c.want)
		}
	}
}

// A name is rendered in pinyin only when every part is Wade–Giles syllables
// and one shows a spelling pinyin does not have; the written reading comes
// first, a hyphenated given name is joined, and at most maxPinyinReadings
// readings are given.
func TestPinyinFromWadeGiles(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Mao Tse-tung", []string{"mao zedong", "mao zetong", "mao cedong", "mao cetong"}},
		{"MAO, Tse-tung", []string{"mao, zedong", "mao, zetong", "mao, cedong", "mao, cetong"}},
		{"Teng Hsiao-p'ing", []string{"deng xiaoping", "teng xiaoping"}},
		{"Teng Hsiao-p’ing", []string{"deng xiaoping", "teng xiaoping"}},
		{"Ssu-ma Ch'ien", []string{"sima qian"}},
		{"Lu Hsün", []string{"lu xun"}},
		{"Yü Yu-jen", []string{"yu youren", "yu yuren"}},
		{"Hu Shih", []string{"hu shi"}},
		// Pinyin syllables only, hyphenated: the hyphen is Wade–Giles.
		{"Chou En-lai", []string{"zhou enlai", "chou enlai"}},
		// Every syllable is also pinyin and none is hyphenated: nothing
		// says Wade–Giles.
		{"Li Peng", nil},
		{"Lin Piao", nil},
		{"Xi Jinping", nil},
		{"Hsi", nil}, // one syllable: no name to screen twice
		{"Chiang Kai-shek", nil},
		{"Kim Jong Un", nil},
		{"Ma Ying-jeou", nil},
		{"Sun Yat-sen", nil},
		{"J. Hsi", nil},
		{"Hsi Chin-ping 2", nil},
		{"", nil},
	} {
		if got := PinyinFromWadeGiles(c.name); !reflect.DeepEqual(got, c.want) {
			t.Errorf("PinyinFromWadeGiles(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
