# paxscreen build, test and run targets. SAM calls build-<LogicalId> with ARTIFACTS_DIR set
# (BuildMethod: makefile); the same flags build the smoke-test binaries.
SHELL := /bin/bash
GO ?= go
ARTIFACTS_DIR ?= $(CURDIR)/.aws-sam/manual
LAMBDA_FLAGS := -trimpath -tags lambda.norpc -ldflags "-s -w"

.PHONY: test unit run bench demo fmt vet build-all clean screenshots

## test: unit, integration (against DynamoDB Local, started and stopped here) and fuzz-seed tests
test:
	scripts/test.sh

## unit: the tests that need no emulator (integration tests skip), and how many skipped and why
unit:
	scripts/unit.sh

## run: the API on http://127.0.0.1:3000 against DynamoDB Local, all on this machine
run:
	scripts/run.sh

## bench: the benchmarks behind docs/PERFORMANCE.md
bench:
	scripts/bench.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

# build-IngestFunction builds functions/ingest, and so on: the logical id without "Function",
# lowercased, names the folder.
build-%Function:
	mkdir -p "$(ARTIFACTS_DIR)"
	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build $(LAMBDA_FLAGS) \
		-o "$(ARTIFACTS_DIR)/bootstrap" ./functions/$(shell echo '$*' | tr '[:upper:]' '[:lower:]')

## build-all: every function template.yaml declares, as SAM would, into .aws-sam/manual/<LogicalId>/bootstrap
# The list comes from the template (each resource of Type AWS::Serverless::Function), not from the
# folders: a folder that is no function must not break the build, nor a declared one be missed.
FUNCTIONS = $(shell awk '/^  [A-Za-z0-9]+:$$/ { id = substr($$1, 1, length($$1) - 1) } 	/^    Type: AWS::Serverless::Function$$/ { print id }' template.yaml)

build-all:
	@test -n "$(FUNCTIONS)" || { echo "build-all: template.yaml declares no AWS::Serverless::Function" >&2; exit 1; }
	for id in $(FUNCTIONS); do \
		$(MAKE) --no-print-directory build-$$id ARTIFACTS_DIR=$(CURDIR)/.aws-sam/manual/$$id || exit 1; \
	done

clean:
	rm -rf .aws-sam bin

## demo: submit the sample manifests to the stack `make run` started, and check their assessments
# The address comes from .local/run/api.addr, which `make run` writes (paxscreen demo's default).
demo:
	if [ -f .local/run/env ]; then . .local/run/env; fi; \
	go run ./cmd/paxscreen demo

## screenshots: docs/console-*.png, taken by the console's browser test against the local stack
screenshots:
	PAXSCREEN_SCREENSHOTS=$(CURDIR)/docs scripts/test.sh -run TestConsoleInABrowser ./cmd/paxscreen/
