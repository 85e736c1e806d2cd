package samtemplate

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The project's own template.yaml, checked for what the code and the build rely on.

const projectTemplate = "../../../template.yaml"

func loadProjectTemplate(t *testing.T) *Template {
	t.Helper()
	tpl, err := Load(projectTemplate)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tpl
}

func TestProjectTemplateMatchesSAMSchema(t *testing.T) {
	path := schemaPath(t)
	if err := loadProjectTemplate(t).ValidateSchema(path); err != nil {
		t.Fatal(err)
	}
}

func TestProjectTemplateTable(t *testing.T) {
	tpl := loadProjectTemplate(t)
	in, err := tpl.TableInput("Table", "paxscreen")
	if err != nil {
		t.Fatalf("TableInput: %v", err)
	}
	// Scoring and notification are driven by the stream and compare old and new images.
	if s := in.StreamSpecification; s == nil || !*s.StreamEnabled || s.StreamViewType != types.StreamViewTypeNewAndOldImages {
		t.Errorf("StreamSpecification = %+v, want enabled with NEW_AND_OLD_IMAGES", s)
	}
	if in.BillingMode != types.BillingModePayPerRequest {
		t.Errorf("BillingMode = %q, want PAY_PER_REQUEST", in.BillingMode)
	}
	if len(in.GlobalSecondaryIndexes) == 0 {
		t.Error("the table has no global secondary index")
	}
	if name, enabled := tpl.TTLAttribute("Table"); name == "" || !enabled {
		t.Errorf("TTLAttribute = %q, %v; want TTL enabled (idempotency records expire)", name, enabled)
	}
}

func TestProjectTemplateFunctions(t *testing.T) {
	fns := loadProjectTemplate(t).Functions()
	if len(fns) == 0 {
		t.Fatal("template.yaml declares no function")
	}
	owner := map[string]string{}
	for _, f := range fns {
		// The go1.x build method can pass neither -tags lambda.norpc nor -ldflags.
		if f.BuildMethod != "makefile" {
			t.Errorf("%s: Metadata.BuildMethod = %q, want makefile", f.LogicalID, f.BuildMethod)
		}
		if f.CodeURI == "" {
			t.Errorf("%s: no CodeUri", f.LogicalID)
		}
		for _, r := range f.Routes {
			if prev, ok := owner[r]; ok {
				t.Errorf("route %q belongs to both %s and %s", r, prev, f.LogicalID)
			}
			owner[r] = f.LogicalID
		}
	}
}
