package watchlist

import (
	"testing"
)

func BenchmarkBuild(b *testing.B) {
	es := realLists(b)
	b.ReportAllocs()
	for b.Loop() {
		Build(es)
	}
}

func BenchmarkLoad(b *testing.B) {
	snap, err := Build(realLists(b)).MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(snap)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(snap); err != nil {
			b.Fatal(err)
		}
	}
}

func benchScreen(b *testing.B, qs []Query) {
	ix := Build(realLists(b))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Screen(qs[i%len(qs)], DefaultThreshold)
		i++
	}
}

func BenchmarkScreenLatin(b *testing.B) {
	benchScreen(b, []Query{
		{FullName: "Ingeborg Abrahamsen", DateOfBirth: "1972-11-21"},
		{FullName: "MOHAMMAD HASSAN AKHUND", DateOfBirth: "1958"},
		{FullName: "Maria Alice Nathan Leão", DateOfBirth: "1940-12-15"},
		{FullName: "ABDUL RAHMAN AL-HASAN", DateOfBirth: "1970-01-01"},
	})
}

func BenchmarkScreenNonLatin(b *testing.B) {
	benchScreen(b, []Query{
		{FullName: "حسین موسوی", DateOfBirth: "1945-04-29"},
		{FullName: "Владимир Путин", DateOfBirth: "1952-10-07"},
		{FullName: "रजनीकांत इला अहलूवालिया", DateOfBirth: "2004-01-21"},
		{FullName: "贝拉克·奥巴马", DateOfBirth: "1961-08-04"},
	})
}
