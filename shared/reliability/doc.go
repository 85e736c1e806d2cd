// Package reliability holds the project's race and fault tests: amendments, scoring, rescans
// and decisions running against each other on DynamoDB Local, and the whole stream pipeline
// surviving emulators that stop answering. It has no code of its own; docs/RELIABILITY.md
// reports what its tests measure.
package reliability
